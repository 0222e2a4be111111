import type { CallNode } from '@basalt/protocol'
import { numeric } from '../arithmetic.js'
import { numberArg } from '../coerce.js'
import type { Ctx } from '../context.js'
import { numericToDouble } from '../formats.js'
import { isListLike, selectFrom, withElements } from '../lists.js'
import type { Elements } from '../lists.js'
import { quoteIdent } from '../quote.js'
import type { Val } from '../values.js'
import { args } from './types.js'
import type { SqlFunction, SqlFunctionTable } from './types.js'

type Kind = 'SUM' | 'PRODUCT' | 'MIN' | 'MAX' | 'AVG'

const number = (sql: string): Val => ({ sql, type: 'number' })

/**
 * SUM, PRODUCT, MIN, MAX, AVG: of the arguments, or of a single list argument's elements; nulls
 * skipped; null when a non-number is among them. Sums and products fold left to right as the
 * in-memory evaluator does, with the overflow-safe arithmetic.
 */
function aggregate(kind: Kind): SqlFunction {
  return (ctx, call) => {
    const values = args(ctx, call)
    const only = values.length === 1 ? values[0]! : undefined
    if (only && isListLike(only)) return number(overList(ctx, kind, only, call))
    if (only?.type === 'unknown') {
      return number(
        ctx.bind([only.sql], (j) => {
          const json: Val = { sql: j, type: 'unknown' }
          const list = overList(ctx, kind, { sql: j, type: 'list', list: { kind: 'json' } }, call)
          return `CASE WHEN jsonb_typeof(${j}) = 'array' THEN ${list} ELSE ${variadic(ctx, kind, [json])} END`
        }),
      )
    }
    return number(variadic(ctx, kind, values))
  }
}

/** SQL true when a value is present but not a number. */
function notANumber(val: Val): string {
  if (val.type === 'number' || val.type === 'null') return 'false'
  if (val.type === 'unknown')
    return `(jsonb_typeof(${val.sql}) IS DISTINCT FROM 'number' AND ${val.sql} IS NOT NULL)`
  return `(${val.sql} IS NOT NULL)`
}

function variadic(ctx: Ctx, kind: Kind, given: Val[]): string {
  return ctx.bind(
    given.map((v) => v.sql),
    (...sqls) =>
      variadicOf(
        ctx,
        kind,
        given.map((v, i) => ({ ...v, sql: sqls[i]! })),
      ),
  )
}

function variadicOf(ctx: Ctx, kind: Kind, values: Val[]): string {
  const bad = values.map(notANumber).filter((sql) => sql !== 'false')
  const nums = values.map((v) => numberArg(ctx, v).sql)
  const body = ctx.bind(nums, (...ns) => {
    const present = ns.map((n) => `CASE WHEN ${n} IS NULL THEN 0 ELSE 1 END`).join(' + ')
    const fold = (op: '+' | '*', unit: string) =>
      ns.map((n) => number(`coalesce(${n}, ${unit})`)).reduce((acc, n) => numeric(ctx, op, acc, n))
        .sql
    switch (kind) {
      case 'SUM':
        return fold('+', '0')
      case 'PRODUCT':
        return `CASE WHEN ${present} = 0 THEN NULL ELSE ${fold('*', '1')} END`
      case 'MIN':
        return `LEAST(${ns.join(', ')})`
      case 'MAX':
        return `GREATEST(${ns.join(', ')})`
      case 'AVG':
        return `CASE WHEN ${present} = 0 THEN NULL ELSE ${fold('+', '0')} / (${present}) END`
    }
  })
  return bad.length
    ? `CASE WHEN ${bad.join(' OR ')} THEN NULL::double precision ELSE ${body} END`
    : body
}

function overList(ctx: Ctx, kind: Kind, list: Val, call: CallNode): string {
  return withElements(ctx, list, call, (els) => {
    const v = numberArg(ctx, els.value).sql
    const bad = notANumber(els.value)
    const result = listResult(ctx, kind, els, v)
    const poisoned =
      bad === 'false' ? '' : `WHEN EXISTS (${selectFrom(els, '1', [bad])}) THEN NULL `
    // A null list is one null argument: SUM gives 0, the others null (as in memory).
    const ifNull = kind === 'SUM' ? '0::double precision' : 'NULL::double precision'
    const isNull = els.json !== undefined ? `${els.json} IS NULL` : els.isNull
    return `CASE WHEN ${isNull} THEN ${ifNull} ${poisoned}ELSE ${result} END`
  })
}

function listResult(ctx: Ctx, kind: Kind, els: Elements, v: string): string {
  const sub = (what: string) => `(${selectFrom(els, what)})`
  const sum =
    `CASE WHEN ${sub(`coalesce(bool_or(abs(${v}) >= 1e300), false)`)} ` +
    `THEN ${numericToDouble(ctx, sub(`sum((${v})::text::numeric)`))} ` +
    `ELSE ${sub(`coalesce(sum(${v} ORDER BY ${els.order}), 0)`)} END`
  switch (kind) {
    case 'SUM':
      return sum
    case 'MIN':
      return sub(`min(${v})`)
    case 'MAX':
      return sub(`max(${v})`)
    case 'AVG':
      return ctx.bind(
        [sub(`count(${v})`)],
        (n) => `CASE WHEN ${n} = 0 THEN NULL ELSE (${sum}) / ${n} END`,
      )
    case 'PRODUCT':
      return product(ctx, sub(`array_agg(${v} ORDER BY ${els.order})`))
  }
}

/** The product of an array's numbers, folded left to right by a recursive query. */
function product(ctx: Ctx, array: string): string {
  return ctx.bind([array], (a) => {
    const r = quoteIdent(ctx.alias())
    const next = `(${a})[${r}."k" + 1]`
    const times = numeric(ctx, '*', number(`${r}."acc"`), number(next)).sql
    return (
      `(WITH RECURSIVE ${r}("k", "acc", "seen") AS (SELECT 0, 1::double precision, false ` +
      `UNION ALL SELECT ${r}."k" + 1, CASE WHEN ${next} IS NULL THEN ${r}."acc" ELSE ${times} END, ` +
      `${r}."seen" OR ${next} IS NOT NULL FROM ${r} WHERE ${r}."k" < coalesce(cardinality(${a}), 0)) ` +
      `SELECT CASE WHEN "seen" THEN "acc" END FROM ${r} ORDER BY "k" DESC LIMIT 1)`
    )
  })
}

export const AGGREGATE_FUNCTIONS: SqlFunctionTable = {
  SUM: aggregate('SUM'),
  PRODUCT: aggregate('PRODUCT'),
  MIN: aggregate('MIN'),
  MAX: aggregate('MAX'),
  AVG: aggregate('AVG'),
}
