import type { CallNode } from '@basalt/protocol'
import { dateArg, numberArg, textArg } from '../coerce.js'
import type { Ctx } from '../context.js'
import { civilMs, dateToMs, daysInMonth, msToDate } from '../formats.js'
import { nullOf } from '../values.js'
import type { Val } from '../values.js'
import { args } from './types.js'

/** Milliseconds of the fixed-length units, months of the calendar ones. */
const UNIT_MS: Record<string, number> = {
  week: 604_800_000,
  day: 86_400_000,
  hour: 3_600_000,
  minute: 60_000,
  second: 1000,
  millisecond: 1,
}
const UNIT_MONTHS: Record<string, number> = { year: 12, quarter: 3, month: 1 }
const UNITS = [...Object.keys(UNIT_MONTHS), ...Object.keys(UNIT_MS)]

/** A unit name in any case, singular or plural; undefined when unknown. */
function parseUnit(name: string): string | undefined {
  const unit = name.toLowerCase().replace(/s$/, '')
  return UNITS.includes(unit) ? unit : undefined
}

/**
 * SQL for each unit, chosen now when the unit is a literal, else at run time by a CASE over
 * the bound operands (an unknown unit is null).
 */
function byUnit(
  ctx: Ctx,
  unit: Val | undefined,
  pg: string,
  build: (unit: string) => string,
): string {
  if (!unit) return build('day')
  if (typeof unit.literal?.value === 'string') {
    const known = parseUnit(unit.literal.value)
    return known ? build(known) : `NULL::${pg}`
  }
  const name = `regexp_replace(lower(${textArg(ctx, unit).sql}), 's$', '')`
  const arms = UNITS.map((u) => `WHEN '${u}' THEN ${build(u)}`).join(' ')
  return `(CASE ${name} ${arms} END)`
}

/** Year, month, day and milliseconds into the day of a date, in UTC. */
function parts(d: string) {
  const utc = `(${d}) AT TIME ZONE 'UTC'`
  return {
    y: `extract(year FROM ${utc})`,
    mo: `extract(month FROM ${utc})`,
    day: `extract(day FROM ${utc})`,
    ms: dateToMs(d),
  }
}

/** The date `months` calendar months later, the day clamped to the month's end. */
function addMonths(ctx: Ctx, d: string, months: string): string {
  const p = parts(d)
  return ctx.bind(
    [`(${p.y} * 12 + ${p.mo} - 1 + ${months})::double precision`, p.ms, p.day],
    (total, ms, day) => {
      const y = `floor(${total} / 12)`
      const mo = `(${total} - ${y} * 12 + 1)`
      const timeOfDay = `(${ms} - floor(${ms} / 86400000) * 86400000)`
      const clamped = `least(${day}, ${daysInMonth(`${y}::int`, `${mo}::int`)})`
      const start = civilMs({ y, mo, d: clamped, h: '0', mi: '0', s: '0', ms: '0' })
      return `CASE WHEN ${y} BETWEEN 1 AND 9999 THEN ${msToDate(ctx, `${start} + ${timeOfDay}`)} END`
    },
  )
}

/** DATEADD(d, n[, unit = 'day']). */
export function dateAdd(ctx: Ctx, call: CallNode): Val {
  const [value, amount, unit] = args(ctx, call)
  const d = dateArg(ctx, value!)
  const n = numberArg(ctx, amount!)
  if (d.type === 'null' || n.type === 'null') return nullOf('date')
  const sql = ctx.bind([d.sql, n.sql], (date, count) =>
    byUnit(ctx, unit, 'timestamptz', (u) => {
      const months = UNIT_MONTHS[u]
      if (months !== undefined) {
        const m = `trunc(${count}) * ${months}`
        return `CASE WHEN abs(${count}) < 1e6 THEN ${addMonths(ctx, date, m)} END`
      }
      const delta = `floor(${count} * ${UNIT_MS[u]} + 0.5)`
      return `CASE WHEN abs(${count}) < 1e15 THEN ${msToDate(ctx, `${dateToMs(date)} + ${delta}`)} END`
    }),
  )
  return { sql, type: 'date' }
}

/** Whole calendar months from a to b, truncated toward zero, as PostgreSQL's age() counts. */
function monthsBetween(ctx: Ctx, a: string, b: string): string {
  return ctx.bind(
    [
      `CASE WHEN ${b} < ${a} THEN ${b} ELSE ${a} END`,
      `CASE WHEN ${b} < ${a} THEN ${a} ELSE ${b} END`,
      `CASE WHEN ${b} < ${a} THEN -1 ELSE 1 END`,
    ],
    (lo, hi, sign) => {
      const p = parts(lo)
      const q = parts(hi)
      const intoMonth = (d: string) =>
        `(${dateToMs(d)} - ${dateToMs(`date_trunc('month', (${d}) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`)})`
      const months = `((${q.y} - ${p.y}) * 12 + ${q.mo} - ${p.mo} - CASE WHEN ${intoMonth(hi)} < ${intoMonth(lo)} THEN 1 ELSE 0 END)`
      return `(${sign} * ${months})::double precision`
    },
  )
}

/** DATEDIFF(d1, d2[, unit = 'day']): whole units from d1 to d2, truncated toward zero. */
export function dateDiff(ctx: Ctx, call: CallNode): Val {
  const [first, second, unit] = args(ctx, call)
  const a = dateArg(ctx, first!)
  const b = dateArg(ctx, second!)
  if (a.type === 'null' || b.type === 'null') return nullOf('number')
  const sql = ctx.bind([a.sql, b.sql], (x, y) =>
    byUnit(ctx, unit, 'double precision', (u) => {
      const months = UNIT_MONTHS[u]
      if (months !== undefined) return `(trunc(${monthsBetween(ctx, x, y)} / ${months}) + 0)`
      return `(trunc((${dateToMs(y)} - ${dateToMs(x)}) / ${UNIT_MS[u]}) + 0)`
    }),
  )
  return { sql, type: 'number' }
}
