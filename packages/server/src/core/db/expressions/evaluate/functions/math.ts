import { asNumber, finite } from '../values.js'
import { asInteger, hasNull } from './arguments.js'
import type { EagerFunction, FunctionTable } from './function-types.js'

/** A function of one number; results that are not finite numbers are null. */
const unary =
  (fn: (n: number) => number | null): EagerFunction =>
  ([value]) => {
    const n = asNumber(value)
    if (n === undefined) return null
    const result = fn(n)
    return result === null ? null : finite(result)
  }

/** A function of two numbers. */
const binary =
  (fn: (a: number, b: number) => number | null): EagerFunction =>
  ([x, y]) => {
    const a = asNumber(x)
    const b = asNumber(y)
    if (a === undefined || b === undefined) return null
    const result = fn(a, b)
    return result === null ? null : finite(result)
  }

/** n × 10^places without binary rounding error (`1.005` shifted by 2 is exactly 100.5). */
function shift(n: number, places: number): number {
  const [mantissa, exponent = '0'] = String(n).split('e')
  return Number(`${mantissa}e${Number(exponent) + places}`)
}

/** ROUND/TRUNC: `mode` applied at `digits` decimals (negative digits round to tens...). */
const toDigits =
  (mode: (magnitude: number) => number): EagerFunction =>
  (args) => {
    if (hasNull(args)) return null
    const n = asNumber(args[0])
    const digits = args.length > 1 ? asInteger(args[1]) : 0
    if (n === undefined || digits === undefined) return null
    const places = Math.max(-400, Math.min(400, digits))
    const magnitude = shift(Math.abs(n), places)
    if (!(magnitude < 2 ** 52)) return n
    return finite(Math.sign(n) * shift(mode(magnitude), -places))
  }

/** The numbers of SUM/PRODUCT/MIN/MAX/AVG (one list argument stands for its elements), nulls
 * skipped; undefined when another kind of value is among them. */
function numbersOf(args: unknown[]): number[] | undefined {
  const values = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args
  const numbers: number[] = []
  for (const value of values) {
    if (value === null || value === undefined) continue
    const n = asNumber(value)
    if (n === undefined) return undefined
    numbers.push(n)
  }
  return numbers
}

/** An aggregate over the numbers; `empty` when there are none. */
const aggregate =
  (fn: (numbers: number[]) => number, empty: number | null): EagerFunction =>
  (args) => {
    const numbers = numbersOf(args)
    if (numbers === undefined) return null
    return numbers.length === 0 ? empty : finite(fn(numbers))
  }

const positive = (fn: (n: number) => number) => (n: number) => (n > 0 ? fn(n) : null)
const unitRange = (fn: (n: number) => number) => (n: number) => (n >= -1 && n <= 1 ? fn(n) : null)

/** ABS, ROUND, SQRT, POW, LOG, MOD, SUM, AVG, the trigonometric functions... */
export const MATH_FUNCTIONS: FunctionTable = {
  ABS: unary(Math.abs),
  CEIL: unary(Math.ceil),
  FLOOR: unary(Math.floor),
  ROUND: toDigits(Math.round),
  TRUNC: toDigits(Math.trunc),
  SQRT: unary((n) => (n >= 0 ? Math.sqrt(n) : null)),
  POW: binary(Math.pow),
  EXP: unary(Math.exp),
  LN: unary(positive(Math.log)),
  LOG: binary((n, base) => (n > 0 && base > 0 && base !== 1 ? Math.log(n) / Math.log(base) : null)),
  LOG10: unary(positive(Math.log10)),
  MOD: binary((a, b) => (b === 0 ? null : a % b)),
  SIGN: unary(Math.sign),
  SUM: aggregate((ns) => ns.reduce((a, b) => a + b, 0), 0),
  PRODUCT: aggregate((ns) => ns.reduce((a, b) => a * b, 1), null),
  MIN: aggregate((ns) => ns.reduce((a, b) => Math.min(a, b)), null),
  MAX: aggregate((ns) => ns.reduce((a, b) => Math.max(a, b)), null),
  AVG: aggregate((ns) => ns.reduce((a, b) => a + b, 0) / ns.length, null),
  RAND: () => Math.random(),
  PI: () => Math.PI,
  SIN: unary(Math.sin),
  COS: unary(Math.cos),
  TAN: unary(Math.tan),
  ASIN: unary(unitRange(Math.asin)),
  ACOS: unary(unitRange(Math.acos)),
  ATAN: unary(Math.atan),
  ATAN2: binary(Math.atan2),
  DEGREES: unary((n) => (n * 180) / Math.PI),
  RADIANS: unary((n) => (n * Math.PI) / 180),
}
