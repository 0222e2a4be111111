/**
 * One setting as the console shows it, with where it is set: `config` is its path in
 * `basalt.config.ts`, `env` the environment variable and `flag` the `basalt start` option.
 * A secret has no `value`, only whether it is `set`.
 */
export interface Setting {
  name: string
  value?: unknown
  secret?: true
  set?: boolean
  config?: string
  env?: string
  flag?: string
}

/** Where a setting is set. */
export type SettingSource = Pick<Setting, 'config' | 'env' | 'flag'>

/** A plain setting (undefined reads as null: not set). */
export function setting(name: string, value: unknown, source: SettingSource): Setting {
  return { name, value: value ?? null, ...source }
}

/** A secret: whether it is set, never its value. */
export function secret(name: string, value: unknown, source: SettingSource): Setting {
  return {
    name,
    secret: true,
    set: value !== undefined && value !== null && value !== '',
    ...source,
  }
}

/** A setting of `basalt.config.ts` at `path` (`auth.sessionTtlSeconds`), named by its last key. */
export function fileSetting(path: string, value: unknown): Setting {
  return setting(path.slice(path.lastIndexOf('.') + 1), value, { config: path })
}

/** A URL without its password (`postgres://user:***@host/db`); null when not set. */
export function withoutPassword(url: string | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    // Validated at start, so this does not happen; never show what could not be cleaned.
    return '(set)'
  }
}
