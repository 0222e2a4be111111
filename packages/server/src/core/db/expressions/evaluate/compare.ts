import { asDate, compareText, isDate, isPlainObject, numberToText, objectKeys } from './values.js'

/** `==`: never null; null equals only null; a text against a date is read as an ISO date. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a ?? null) === (b ?? null)
  }
  if (isDate(a) || isDate(b)) {
    const x = asDate(a)
    const y = asDate(b)
    return x !== null && y !== null && x.getTime() === y.getTime()
  }
  if (typeof a !== 'object' && typeof b !== 'object') return a === b
  return keyOf(a) === keyOf(b)
}

/**
 * `< <= > >=`: false with a null operand (or a text that is not a date against a date); null
 * when the types cannot be ordered (a run-time type error).
 */
export function ordered(op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean | null {
  if (a === null || a === undefined || b === null || b === undefined) return false
  const order = compareSameType(a, b)
  if (order === undefined) return null
  if (order === null) return false
  switch (op) {
    case '<':
      return order < 0
    case '<=':
      return order <= 0
    case '>':
      return order > 0
    case '>=':
      return order >= 0
  }
}

/**
 * The order of two non-null values of one orderable type (texts against dates are read as
 * dates): a number, null when a text is not a date, undefined when they cannot be ordered.
 */
export function compareSameType(a: unknown, b: unknown): number | null | undefined {
  if (isDate(a) || isDate(b)) {
    if (!(isDate(a) || typeof a === 'string') || !(isDate(b) || typeof b === 'string')) {
      return undefined
    }
    const x = asDate(a)
    const y = asDate(b)
    return x === null || y === null ? null : Math.sign(x.getTime() - y.getTime())
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b)
  if (typeof a === 'string' && typeof b === 'string') return Math.sign(compareText(a, b))
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  return undefined
}

/** A text that is equal for equal values (no text/date coercion): used by sets and UNIQUE. */
export function keyOf(value: unknown): string {
  if (value === null || value === undefined) return 'n'
  switch (typeof value) {
    case 'boolean':
      return value ? 't' : 'f'
    case 'number':
      return `#${numberToText(value)}`
    case 'string':
      return `s${JSON.stringify(value)}`
  }
  if (isDate(value)) return `d${value.getTime()}`
  if (Array.isArray(value)) return `[${value.map(keyOf).join(',')}]`
  if (isPlainObject(value)) {
    const keys = objectKeys(value).sort(compareText)
    return `{${keys.map((k) => `${JSON.stringify(k)}:${keyOf(value[k])}`).join(',')}}`
  }
  return `?${String(value)}`
}
