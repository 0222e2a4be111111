import { asDate, asNumber, dateFromMs, utcMs } from '../values.js'
import { hasNull } from './arguments.js'
import { UNIT_MONTHS, UNIT_MS, addMonths, monthsBetween, parseUnit } from './date-units.js'
import type { EagerFunction, FunctionTable } from './function-types.js'

const DAY_MS = 86_400_000

/** A function of one date (a Date or an ISO-8601 text); null otherwise. */
const onDate =
  (fn: (date: Date) => unknown): EagerFunction =>
  ([value]) => {
    const date = asDate(value)
    return date === null ? null : fn(date)
  }

const startOfDay = (date: Date): number =>
  utcMs(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())

/** DATE(y, m, d[, h, mi, s]): whole parts in range (seconds may have a fraction), else null. */
function makeDate(args: unknown[]): unknown {
  if (hasNull(args)) return null
  const [y, mo, d, h = 0, mi = 0, s = 0] = args.map(asNumber)
  const whole = [y, mo, d, h, mi]
  if (!whole.every((n) => n !== undefined && Number.isInteger(n)) || s === undefined) return null
  if (y! < 1 || y! > 9999 || mo! < 1 || mo! > 12 || d! < 1 || h! > 23 || h! < 0) return null
  if (mi! < 0 || mi! > 59 || s < 0 || s >= 60) return null
  const date = dateFromMs(utcMs(y!, mo!, d!, h, mi, 0, Math.min(59_999, Math.round(s * 1000))))
  return date !== null && date.getUTCDate() === d ? date : null
}

function dateAdd(args: unknown[]): unknown {
  if (hasNull(args)) return null
  const date = asDate(args[0])
  const n = asNumber(args[1])
  const unit = args.length > 2 ? parseUnit(args[2]) : 'day'
  if (date === null || n === undefined || unit === undefined) return null
  const months = UNIT_MONTHS.get(unit)
  if (months !== undefined) return addMonths(date, Math.trunc(n) * months)
  return dateFromMs(date.getTime() + Math.round(n * UNIT_MS.get(unit)!))
}

function dateDiff(args: unknown[]): unknown {
  if (hasNull(args)) return null
  const from = asDate(args[0])
  const to = asDate(args[1])
  const unit = args.length > 2 ? parseUnit(args[2]) : 'day'
  if (from === null || to === null || unit === undefined) return null
  const months = UNIT_MONTHS.get(unit)
  if (months !== undefined) return Math.trunc(monthsBetween(from, to) / months) || 0
  return Math.trunc((to.getTime() - from.getTime()) / UNIT_MS.get(unit)!) || 0
}

/** The ISO-8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
function isoWeek(date: Date): number {
  const day = startOfDay(date)
  const weekday = date.getUTCDay() || 7
  const thursday = new Date(day + (4 - weekday) * DAY_MS)
  const yearStart = utcMs(thursday.getUTCFullYear(), 1, 1)
  return Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1
}

/** NOW, TODAY, DATE, DATEADD, DATEDIFF, the date parts, and the millisecond conversions (UTC). */
export const DATE_FUNCTIONS: FunctionTable = {
  NOW: (_args, env) => new Date(env.now.getTime()),
  TODAY: (_args, env) => new Date(startOfDay(env.now)),
  DATE: makeDate,
  DATEVALUE: onDate((date) => date),
  DATEADD: dateAdd,
  DATEDIFF: dateDiff,
  YEAR: onDate((date) => date.getUTCFullYear()),
  MONTH: onDate((date) => date.getUTCMonth() + 1),
  DAY: onDate((date) => date.getUTCDate()),
  HOUR: onDate((date) => date.getUTCHours()),
  MINUTE: onDate((date) => date.getUTCMinutes()),
  SECOND: onDate((date) => date.getUTCSeconds()),
  MILLISECOND: onDate((date) => date.getUTCMilliseconds()),
  WEEKDAY: onDate((date) => date.getUTCDay() + 1),
  DAYOFYEAR: onDate((date) => (startOfDay(date) - utcMs(date.getUTCFullYear(), 1, 1)) / DAY_MS + 1),
  WEEKNUM: onDate(isoWeek),
  DATEMILLIS: onDate((date) => date.getTime()),
  DATEFROMMILLIS: ([value]) => {
    const n = asNumber(value)
    return n === undefined ? null : dateFromMs(n)
  },
  TODATESTRING: onDate((date) => date.toISOString()),
}
