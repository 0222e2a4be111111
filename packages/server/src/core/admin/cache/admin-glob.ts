/**
 * The Redis glob of an admin console pattern, where only `*` (any run) and `?` (any one
 * character) are special: `[`, `]` and `\` match themselves.
 */
export function adminGlob(pattern: string): string {
  return pattern.replace(/[[\]\\]/g, '\\$&')
}
