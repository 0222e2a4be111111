import type { CallNode } from '@basalt/protocol'
import { dateArg, numberArg } from '../coerce.js'
import type { Ctx } from '../context.js'
import { civilMs, dateToMs, dateToText, daysInMonth, msToDate } from '../formats.js'
import { nullOf } from '../values.js'
import type { Val } from '../values.js'
import { dateAdd, dateDiff } from './date-units.js'
import { args, eager } from './types.js'
import type { SqlFunction, SqlFunctionTable } from './types.js'

const number = (sql: string): Val => ({ sql, type: 'number' })
const date = (sql: string, notNull = false): Val => ({ sql, type: 'date', notNull })

/** A part of a date (as a number), in UTC. */
function part(field: string, adjust = ''): SqlFunction {
  return eager((ctx, [value]) => {
    const d = dateArg(ctx, value!).sql
    return number(
      `(floor(extract(${field} FROM (${d}) AT TIME ZONE 'UTC'))${adjust})::double precision`,
    )
  })
}

/** The statement's clock: `scope.now` when given, else the transaction time (milliseconds). */
function now(ctx: Ctx): string {
  const given = ctx.scope.now
  if (given) return ctx.param(given.toISOString(), 'timestamptz')
  return `date_trunc('milliseconds', now())`
}

/** DATE(y, m, d[, h, mi, s]): whole parts in range (seconds may have a fraction), else null. */
function makeDate(ctx: Ctx, call: CallNode): Val {
  const values = args(ctx, call).map((v) => numberArg(ctx, v).sql)
  while (values.length < 6) values.push('0::double precision')
  return date(
    ctx.bind(values, (y, mo, d, h, mi, s) => {
      const whole = [y, mo, d, h, mi].map((n) => `${n} = trunc(${n})`).join(' AND ')
      const ms = `least(59999, floor(${s} * 1000 + 0.5))`
      const valid =
        `${whole} AND ${y} BETWEEN 1 AND 9999 AND ${mo} BETWEEN 1 AND 12 ` +
        `AND ${h} BETWEEN 0 AND 23 AND ${mi} BETWEEN 0 AND 59 AND ${s} >= 0 AND ${s} < 60`
      // The day is checked once the year and month are known to be small whole numbers.
      const dayValid = `${d} BETWEEN 1 AND ${daysInMonth(`${y}::int`, `${mo}::int`)}`
      const total = civilMs({ y, mo, d, h, mi, s: '0', ms })
      return `CASE WHEN ${valid} THEN CASE WHEN ${dayValid} THEN ${msToDate(ctx, total)} END END`
    }),
  )
}

/** NOW, TODAY, DATE, DATEADD, DATEDIFF, the date parts, and the millisecond conversions (UTC). */
export const DATE_FUNCTIONS: SqlFunctionTable = {
  NOW: (ctx) => date(now(ctx), true),
  TODAY: (ctx) =>
    date(`(date_trunc('day', (${now(ctx)}) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`, true),
  DATE: makeDate,
  DATEVALUE: eager((ctx, [value]) => dateArg(ctx, value!)),
  DATEADD: dateAdd,
  DATEDIFF: dateDiff,
  YEAR: part('year'),
  MONTH: part('month'),
  DAY: part('day'),
  HOUR: part('hour'),
  MINUTE: part('minute'),
  SECOND: part('second'),
  MILLISECOND: part('milliseconds', ' % 1000'),
  WEEKDAY: part('dow', ' + 1'),
  DAYOFYEAR: part('doy'),
  WEEKNUM: part('week'),
  DATEMILLIS: eager((ctx, [value]) => {
    const d = dateArg(ctx, value!)
    return d.type === 'null' ? nullOf('number') : number(dateToMs(d.sql))
  }),
  DATEFROMMILLIS: eager((ctx, [value]) => date(msToDate(ctx, numberArg(ctx, value!).sql))),
  TODATESTRING: eager((ctx, [value]) => ({
    sql: dateToText(dateArg(ctx, value!).sql),
    type: 'text',
  })),
}
