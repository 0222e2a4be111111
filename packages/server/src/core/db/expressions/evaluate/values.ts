import type { ValueType } from '../../model-types.js'

/** The earliest and latest date-times the language handles: years 0001 to 9999, UTC. */
export const MIN_DATE_MS = -62135596800000
export const MAX_DATE_MS = 253402300799999

/** `null` → false, booleans as is, numbers ≠ 0, texts non-empty, anything else → true. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value)
  if (typeof value === 'string') return value.length > 0
  return true
}

/** The expression type of an in-memory value (texts are 'text', geo points 'list'). */
export function valueTypeOf(value: unknown): ValueType {
  if (value === null || value === undefined) return 'null'
  switch (typeof value) {
    case 'boolean':
      return 'boolean'
    case 'number':
      return Number.isFinite(value) ? 'number' : 'unknown'
    case 'string':
      return 'text'
  }
  if (isDate(value)) return 'date'
  if (Array.isArray(value)) return 'list'
  if (isPlainObject(value)) return 'object'
  return 'unknown'
}

/** A valid JavaScript Date. */
export function isDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime())
}

/** An object made by `{}`, JSON.parse or Object.create(null): not a list, date or class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A finite number, or undefined. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** A number result: non-finite becomes null, -0 becomes 0. */
export function finite(value: number): number | null {
  if (!Number.isFinite(value)) return null
  return value === 0 ? 0 : value
}

/** A date from a millisecond count, or null outside years 0001-9999. */
export function dateFromMs(ms: number): Date | null {
  if (!Number.isFinite(ms) || ms < MIN_DATE_MS || ms > MAX_DATE_MS) return null
  return new Date(Math.trunc(ms))
}

/** A Date as is, or an ISO-8601 text parsed; null for anything else. */
export function asDate(value: unknown): Date | null {
  if (isDate(value)) return value
  return typeof value === 'string' ? parseIsoDate(value) : null
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/

/**
 * Parses ISO-8601 text: `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and `Z` or `±HH[:]MM`; no
 * offset means UTC. Out-of-range parts (month 13, 30 February) give null.
 */
export function parseIsoDate(text: string): Date | null {
  const m = ISO.exec(text)
  if (m === null) return null
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0))
  const offsetSign = m[9] === '-' ? -1 : 1
  const offsetMinutes = offsetSign * (Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0))
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!)) return null
  if (hour! > 23 || minute! > 59 || second! > 59) return null
  if (Number(m[11] ?? 0) > 59 || Math.abs(offsetMinutes) > 18 * 60) return null
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3))
  const local = utcMs(year!, month!, day!, hour!, minute!, second!, millis)
  return dateFromMs(local - offsetMinutes * 60_000)
}

/** Milliseconds of a UTC date-time (years below 100 are not shifted to the 1900s). */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi, s, ms)
  return date.getTime()
}

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate()
}

/** A number as text: shortest round-trip form, no trailing zeros (`1.5`, `2`, `1e+21`). */
export function numberToText(value: number): string {
  return value === 0 ? '0' : String(value)
}

/** The value as text, as TOTEXT and `+` see it; null for null and values without a text form. */
export function toText(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? numberToText(value) : null
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (isDate(value)) return value.toISOString()
  if (Array.isArray(value) || isPlainObject(value)) return jsonText(value)
  return null
}

/** JSON in PostgreSQL's `jsonb::text` layout: `[1, "a"]`, `{"a": 1}`, keys shortest first. */
export function jsonText(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'number') return Number.isFinite(value) ? numberToText(value) : 'null'
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value)
  if (isDate(value)) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map(jsonText).join(', ')}]`
  if (isPlainObject(value)) {
    const keys = objectKeys(value).sort(compareJsonbKeys)
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonText(value[k])}`).join(', ')}}`
  }
  return 'null'
}

/** The keys of an object holding a value (undefined counts as absent). */
export function objectKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((k) => value[k] !== undefined)
}

const encoder = new TextEncoder()

function compareJsonbKeys(a: string, b: string): number {
  const ab = encoder.encode(a)
  const bb = encoder.encode(b)
  if (ab.length !== bb.length) return ab.length - bb.length
  return compareText(a, b)
}

/** Orders texts by code point (as PostgreSQL's `C` collation orders UTF-8 bytes). */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

// UTF-16 units in code-point order: surrogates (astral characters) sort after U+E000-U+FFFF.
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000
}
