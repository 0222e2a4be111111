import type { Ctx } from './context.js'

/*
 * Conversions between numbers, dates and their text forms, written so that PostgreSQL can never
 * raise on them: every cast is preceded by a check that it will succeed.
 */

/** The dates the language handles (years 0001 to 9999, UTC), in epoch milliseconds. */
const MIN_DATE_MS = -62135596800000
const MAX_DATE_MS = 253402300799999

const DOUBLE_MAX = '1.7976931348623157e308'
/** Below this a decimal reads as 0 (PostgreSQL raises instead): half the smallest double. */
const DOUBLE_UNDERFLOW = '2.4703282292062328e-324'

/** A numeric (arbitrary precision) value as a double: null past the double range, 0 below it. */
export function numericToDouble(ctx: Ctx, numeric: string): string {
  return ctx.bind(
    [numeric],
    (n) =>
      `CASE WHEN abs(${n}) > ${DOUBLE_MAX} THEN NULL::double precision ` +
      `WHEN abs(${n}) <= ${DOUBLE_UNDERFLOW} THEN 0::double precision ELSE ${n}::double precision END`,
  )
}

// A decimal number as TONUMBER reads it (the exponent kept within what `numeric` accepts).
const NUMBER_TEXT = '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?0*[0-9]{1,3})?$'
/** The white space TRIM removes (and TONUMBER ignores): space, tab, LF, VT, FF, CR. */
export const SPACES = `' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)`

/** JavaScript's white space (what String.prototype.trim removes). */
const JS_SPACES = [9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198]
  .concat([8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279])
  .map((code) => `chr(${code})`)
  .join(' || ')

/** A text as a double (TONUMBER): surrounding white space ignored, null unless a decimal. */
export function textToNumber(ctx: Ctx, text: string): string {
  return ctx.bind([`btrim(${text}, ${JS_SPACES})`], (t) => {
    const numeric = `CASE WHEN ${t} ~ '${NUMBER_TEXT}' AND length(${t}) <= 1000 THEN ${t}::numeric END`
    return numericToDouble(ctx, numeric)
  })
}

/**
 * A double as JavaScript's String(n) writes it: PostgreSQL's shortest round-trip digits,
 * re-laid out with JavaScript's rules for when to use an exponent (n >= 1e21 or n < 1e-6).
 */
export function numberToText(ctx: Ctx, number: string, bigint = false): string {
  if (bigint) return `(${number})::text`
  return ctx.bind([number], (n) => {
    const expand = ctx.bind(
      [`regexp_match((${n})::text, '^(-?)([0-9])(?:[.]([0-9]+))?e([+-][0-9]+)$')`],
      (m) => {
        const e = `(${m}[4])::int`
        const digits = `(${m}[2] || coalesce(${m}[3], ''))`
        const k = `length(${digits})`
        return (
          `CASE WHEN ${e} >= 21 OR ${e} <= -7 THEN ${m}[1] || ${m}[2] || coalesce('.' || ${m}[3], '')` +
          ` || 'e' || CASE WHEN ${e} > 0 THEN '+' ELSE '-' END || abs(${e})::text` +
          ` WHEN ${e} + 1 >= ${k} THEN ${m}[1] || ${digits} || repeat('0', ${e} + 1 - ${k})` +
          ` WHEN ${e} + 1 > 0 THEN ${m}[1] || left(${digits}, ${e} + 1) || '.' || substr(${digits}, ${e} + 2)` +
          ` ELSE ${m}[1] || '0.' || repeat('0', -(${e} + 1)) || ${digits} END`
        )
      },
    )
    return (
      `CASE WHEN ${n} = 0 THEN '0' WHEN (${n})::text !~ 'e' THEN (${n})::text ` +
      `ELSE ${expand} END`
    )
  })
}

/** A date as ISO-8601 text in UTC with milliseconds and `Z`. */
export function dateToText(date: string): string {
  return `to_char((${date}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
}

/** A date as epoch milliseconds (a double). */
export function dateToMs(date: string): string {
  return `floor(extract(epoch FROM ${date}) * 1000)::double precision`
}

/**
 * Epoch milliseconds (truncated) as a date; null outside years 0001-9999. Built from whole days
 * plus milliseconds in UTC, so the result is exact (a double number of seconds is not).
 */
export function msToDate(ctx: Ctx, ms: string): string {
  return ctx.bind([`trunc(${ms})`], (v) => {
    const days = `floor(${v} / 86400000)`
    return (
      `CASE WHEN ${v} >= ${MIN_DATE_MS} AND ${v} <= ${MAX_DATE_MS} THEN ` +
      `(timestamp '1970-01-01' + make_interval(days => ${days}::int) ` +
      `+ (${v} - ${days} * 86400000) * interval '1 millisecond') AT TIME ZONE 'UTC' END`
    )
  })
}

/**
 * Epoch milliseconds of a UTC calendar date-time, by arithmetic alone (no function that can
 * raise); the parts must already be in range. Days from the civil date: H. Hinnant's algorithm.
 */
export function civilMs(parts: {
  y: string
  mo: string
  d: string
  h: string
  mi: string
  s: string
  ms: string
}): string {
  const { y, mo, d, h, mi, s, ms } = parts
  const yy = `(${y} - CASE WHEN ${mo} <= 2 THEN 1 ELSE 0 END)`
  const era = `floor(${yy} / 400.0)`
  const yoe = `(${yy} - ${era} * 400)`
  const doy = `(floor((153 * (((${mo})::int + 9) % 12) + 2) / 5.0) + ${d} - 1)`
  const doe = `(${yoe} * 365 + floor(${yoe} / 4.0) - floor(${yoe} / 100.0) + ${doy})`
  const days = `(${era} * 146097 + ${doe} - 719468)`
  return `((${days}) * 86400000.0 + ${h} * 3600000.0 + ${mi} * 60000.0 + ${s} * 1000.0 + ${ms})`
}

/** Days of a month (1-12) of a year, as SQL. */
export function daysInMonth(y: string, mo: string): string {
  const leap = `(${y} % 4 = 0 AND ${y} % 100 <> 0 OR ${y} % 400 = 0)`
  return (
    `CASE WHEN ${mo} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END ` +
    `WHEN ${mo} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`
  )
}

/** ISO-8601 as docs/expressions.md defines it; no offset means UTC. */
const ISO_PARTS =
  '^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})' +
  '(?::([0-9]{2})(?:[.]([0-9]{1,9}))?)?(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?)?$'

/** The ISO-8601 pattern as a JavaScript RegExp (same groups). */
const ISO_DATE = new RegExp(ISO_PARTS)

/** An ISO-8601 text as a date at run time: null when it is not a valid date. */
export function textToDate(ctx: Ctx, text: string): string {
  return ctx.bind([`regexp_match(${text}, '${ISO_PARTS}')`], (m) => {
    const part = (i: number) => `coalesce(${m}[${i}], '0')::int`
    const [y, mo, d, h, mi, s, oh, om] = [1, 2, 3, 4, 5, 6, 10, 11].map(part) as string[]
    const ms = `left(coalesce(${m}[7], '') || '000', 3)::int`
    const sign = `CASE WHEN ${m}[9] = '-' THEN -1 ELSE 1 END`
    const valid =
      `${m} IS NOT NULL AND ${mo} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${daysInMonth(y!, mo!)} ` +
      `AND ${h} <= 23 AND ${mi} <= 59 AND ${s} <= 59 AND ${om} <= 59 AND ${oh} * 60 + ${om} <= 1080`
    const local = civilMs({ y: y!, mo: mo!, d: d!, h: h!, mi: mi!, s: s!, ms })
    const utc = `${local} - ${sign} * (${oh} * 60 + ${om}) * 60000.0`
    return `CASE WHEN ${valid} THEN ${msToDate(ctx, utc)} END`
  })
}

/** An ISO-8601 text parsed at compile time (same rules as textToDate); undefined if invalid. */
export function parseIsoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text)
  if (!m) return undefined
  const [y, mo, d, h, mi, s, oh, om] = [1, 2, 3, 4, 5, 6, 10, 11].map((i) => Number(m[i] ?? 0))
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3))
  if (mo! < 1 || mo! > 12 || h! > 23 || mi! > 59 || s! > 59 || om! > 59) return undefined
  if (oh! * 60 + om! > 1080) return undefined
  const date = new Date(0)
  date.setUTCFullYear(y!, mo! - 1, d!)
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d) return undefined
  date.setUTCHours(h!, mi!, s!, ms)
  const sign = m[9] === '-' ? -1 : 1
  const time = date.getTime() - sign * (oh! * 60 + om!) * 60000
  return time >= MIN_DATE_MS && time <= MAX_DATE_MS ? new Date(time) : undefined
}
