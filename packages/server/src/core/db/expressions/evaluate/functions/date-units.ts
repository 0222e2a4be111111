import { dateFromMs, daysInMonth, utcMs } from '../values.js'

/** The units of DATEADD and DATEDIFF. */
export type DateUnit =
  'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond'

/** Milliseconds of the fixed-length units. */
export const UNIT_MS: ReadonlyMap<DateUnit, number> = new Map([
  ['week', 604_800_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
  ['millisecond', 1],
])

/** Months of the calendar units. */
export const UNIT_MONTHS: ReadonlyMap<DateUnit, number> = new Map([
  ['year', 12],
  ['quarter', 3],
  ['month', 1],
])

/** A unit name in any case, singular or plural (`'days'`, `'Month'`); undefined when unknown. */
export function parseUnit(value: unknown): DateUnit | undefined {
  if (typeof value !== 'string') return undefined
  const name = value.toLowerCase().replace(/s$/, '') as DateUnit
  return UNIT_MS.has(name) || UNIT_MONTHS.has(name) ? name : undefined
}

/** The date `months` calendar months later, the day clamped to the month's end (Jan 31 + 1 → Feb 28). */
export function addMonths(date: Date, months: number): Date | null {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months
  const year = Math.floor(total / 12)
  const month = total - year * 12 + 1
  if (year < 1 || year > 9999) return null
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month))
  const timeOfDay =
    date.getTime() - utcMs(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
  return dateFromMs(utcMs(year, month, day) + timeOfDay)
}

/**
 * Whole calendar months from `a` to `b`, truncated toward zero, as PostgreSQL's `age()` counts
 * them: a month is complete when `b`'s day and time of month reach `a`'s (Jan 31 → Feb 29 is 0).
 */
export function monthsBetween(a: Date, b: Date): number {
  if (b.getTime() < a.getTime()) return -monthsBetween(b, a)
  const months =
    (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth())
  return dayAndTime(b) < dayAndTime(a) ? months - 1 : months
}

/** Milliseconds since the start of the date's month. */
function dayAndTime(date: Date): number {
  return date.getTime() - utcMs(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
}
