import { asNumber } from '../values.js'

/** A text argument, or undefined. */
export function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** A number argument truncated toward zero, or undefined. */
export function asInteger(value: unknown): number | undefined {
  const n = asNumber(value)
  return n === undefined ? undefined : Math.trunc(n)
}

/** A list argument, or undefined. */
export function asList(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined
}

/** Whether any argument is null (absent optional arguments are not in `args`). */
export function hasNull(args: readonly unknown[]): boolean {
  return args.some((arg) => arg === null || arg === undefined)
}
