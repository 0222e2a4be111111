import { numeric } from '../arithmetic.js'
import { numberArg } from '../coerce.js'
import type { Ctx } from '../context.js'
import { numericToDouble } from '../formats.js'
import type { Val } from '../values.js'
import { AGGREGATE_FUNCTIONS } from './math-aggregates.js'
import { eager } from './types.js'
import type { SqlFunction, SqlFunctionTable } from './types.js'

const number = (sql: string, notNull = false): Val => ({ sql, type: 'number', notNull })

/** A function of numbers (non-numbers are null), written over bound argument names. */
function onNumbers(fn: (ctx: Ctx, ...names: string[]) => string): SqlFunction {
  return eager((ctx, values) =>
    number(
      ctx.bind(
        values.map((v) => numberArg(ctx, v).sql),
        (...names) => fn(ctx, ...names),
      ),
    ),
  )
}

/** ROUND and TRUNC: on the shortest decimal form of n (`ROUND(1.005, 2)` is 1.01). */
function toDigits(fn: 'round' | 'trunc'): SqlFunction {
  return eager((ctx, values) => {
    const n = numberArg(ctx, values[0]!).sql
    const d = values[1] ? numberArg(ctx, values[1]).sql : '0'
    return number(
      ctx.bind([n, d], (x, digits) => {
        const places = `least(greatest(trunc(${digits}), -400), 400)::int`
        const exact = numericToDouble(ctx, `${fn}((${x})::text::numeric, ${places})`)
        return `CASE WHEN ${x} IS NULL OR ${digits} IS NULL THEN NULL::double precision ELSE ${exact} END`
      }),
    )
  })
}

function pow(_ctx: Ctx, n: string, e: string): string {
  const magnitude = `((${e})::numeric * log10(abs(${n}))::numeric)`
  return (
    `CASE WHEN ${n} IS NULL OR ${e} IS NULL THEN NULL::double precision ` +
    `WHEN ${n} = 0 THEN CASE WHEN ${e} < 0 THEN NULL WHEN ${e} = 0 THEN 1 ELSE 0 END ` +
    `WHEN ${n} < 0 AND ${e} <> trunc(${e}) THEN NULL ` +
    `WHEN abs(${n}) = 1 THEN power(${n}, ${e}) ` +
    `WHEN ${magnitude} > 308.25 THEN NULL WHEN ${magnitude} < -323 THEN 0 ` +
    `ELSE power(${n}, ${e}) END`
  )
}

function mod(ctx: Ctx, a: string, b: string): string {
  const slow = numericToDouble(ctx, `mod((${a})::text::numeric, (${b})::text::numeric)`)
  return (
    `CASE WHEN ${b} = 0 THEN NULL::double precision WHEN abs(${a}) < abs(${b}) THEN ${a} ` +
    `WHEN abs(${a}) < 1e150 AND abs(${b}) > 1e-150 THEN ${a} - ${b} * trunc(${a} / ${b}) ` +
    `ELSE ${slow} END`
  )
}

/** `(n * a) / b` without overflow or underflow errors (DEGREES, RADIANS as JavaScript does). */
function scale(a: string, b: string): SqlFunction {
  return eager((ctx, [value]) => {
    const n = numberArg(ctx, value!)
    const times = numeric(ctx, '*', n, number(a, true))
    return numeric(ctx, '/', times, number(b, true))
  })
}

/** ABS, ROUND, SQRT, POW, LOG, MOD, SUM, AVG, the trigonometric functions... */
export const MATH_FUNCTIONS: SqlFunctionTable = {
  ABS: onNumbers((_ctx, x) => `abs(${x})`),
  CEIL: onNumbers((_ctx, x) => `ceil(${x})`),
  FLOOR: onNumbers((_ctx, x) => `floor(${x})`),
  ROUND: toDigits('round'),
  TRUNC: toDigits('trunc'),
  SQRT: onNumbers((_ctx, x) => `CASE WHEN ${x} >= 0 THEN sqrt(${x}) END`),
  POW: onNumbers(pow),
  EXP: onNumbers(
    (_ctx, x) =>
      `CASE WHEN ${x} > 709.782712893384 THEN NULL WHEN ${x} < -745.1 THEN 0 ELSE exp(${x}) END`,
  ),
  LN: onNumbers((_ctx, x) => `CASE WHEN ${x} > 0 THEN ln(${x}) END`),
  LOG: onNumbers(
    (_ctx, x, base) =>
      `CASE WHEN ${x} > 0 AND ${base} > 0 AND ${base} <> 1 THEN ln(${x}) / ln(${base}) END`,
  ),
  LOG10: onNumbers((_ctx, x) => `CASE WHEN ${x} > 0 THEN log10(${x}) END`),
  MOD: onNumbers(mod),
  SIGN: onNumbers((_ctx, x) => `sign(${x})`),
  ...AGGREGATE_FUNCTIONS,
  PI: () => number('pi()', true),
  SIN: onNumbers((_ctx, x) => `sin(${x})`),
  COS: onNumbers((_ctx, x) => `cos(${x})`),
  TAN: onNumbers((_ctx, x) => `tan(${x})`),
  ASIN: onNumbers((_ctx, x) => `CASE WHEN ${x} BETWEEN -1 AND 1 THEN asin(${x}) END`),
  ACOS: onNumbers((_ctx, x) => `CASE WHEN ${x} BETWEEN -1 AND 1 THEN acos(${x}) END`),
  ATAN: onNumbers((_ctx, x) => `atan(${x})`),
  ATAN2: onNumbers((_ctx, y, x) => `atan2(${y}, ${x})`),
  DEGREES: scale('180::double precision', 'pi()'),
  RADIANS: scale('pi()', '180::double precision'),
}
