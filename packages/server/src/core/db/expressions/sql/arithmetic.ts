import type { BinaryNode, ExpressionNode } from '@basalt/protocol'
import { asNumber, asText, describe, double, jsonNumber, jsonToText } from './coerce.js'
import type { Ctx } from './context.js'
import { dateToMs, msToDate, numericToDouble } from './formats.js'
import { typeError } from './sql-errors.js'
import { nullOf } from './values.js'
import type { Val } from './values.js'

/*
 * Arithmetic on doubles that PostgreSQL can never reject: float8 raises on overflow and
 * underflow, so operands outside a safe magnitude go through `numeric` and come back as null
 * (past the double range: JSON has no Infinity) or 0 (below it).
 */

type Op = '+' | '-' | '*' | '/'

const LIMITS: Record<Op, [number, number]> = {
  '+': [1e307, 0],
  '-': [1e307, 0],
  '*': [1e150, 1e-150],
  '/': [1e150, 1e-150],
}

/** `a op b` on two numbers (null when either is null; division by zero is null). */
export function numeric(ctx: Ctx, op: Op, a: Val, b: Val): Val {
  const [high, low] = LIMITS[op]
  const unsafe = (v: Val) => !v.bigint && !safeLiteral(v, high, low)
  return {
    sql: ctx.bind([double(a), double(b)], (x, y) => {
      const checks = [a, b].flatMap((v, i) => {
        if (!unsafe(v)) return []
        const s = i === 0 ? x : y
        return [
          low > 0
            ? `abs(${s}) < ${high} AND (abs(${s}) > ${low} OR ${s} = 0)`
            : `abs(${s}) < ${high}`,
        ]
      })
      // Through the shortest decimal form: `float8::numeric` would keep only 15 digits.
      const slow = numericToDouble(ctx, `(${x})::text::numeric ${op} (${y})::text::numeric`)
      const fast = `${x} ${op} ${y}`
      const zero = op === '/' ? `WHEN ${y} = 0 THEN NULL::double precision ` : ''
      if (checks.length === 0 && op !== '/') return `(${fast})`
      const guarded = checks.length ? `WHEN ${checks.join(' AND ')} THEN ${fast} ` : ''
      if (!checks.length) return `(CASE ${zero}ELSE ${fast} END)`
      // Past the cheap check, * and / stay exact in double precision unless the result's
      // magnitude (by logarithms) would overflow or underflow to 0.
      const exact =
        op === '*'
          ? `WHEN ${x} = 0 OR ${y} = 0 THEN ${fast} WHEN log10(abs(${x})) + log10(abs(${y})) BETWEEN -322 AND 308 THEN ${fast} `
          : op === '/'
            ? `WHEN ${x} = 0 THEN ${fast} WHEN log10(abs(${x})) - log10(abs(${y})) BETWEEN -322 AND 308 THEN ${fast} `
            : ''
      return `(CASE ${zero}${guarded}${exact}ELSE ${slow} END)`
    }),
    type: 'number',
  }
}

function safeLiteral(v: Val, high: number, low: number): boolean {
  const value = v.literal?.value
  return (
    typeof value === 'number' && Math.abs(value) < high && (Math.abs(value) > low || value === 0)
  )
}

/** Compiles `+ - * /` with the operand types of docs/expressions.md. */
export function arithmetic(ctx: Ctx, node: BinaryNode, a: Val, b: Val): Val {
  const op = node.op as Op
  if (a.type === 'unknown' || b.type === 'unknown') return dynamic(ctx, node, a, b)
  if (a.type === 'null' || b.type === 'null') return nullResult(op, a.type === 'null' ? b : a)
  if (a.type === 'number' && b.type === 'number') return numeric(ctx, op, a, b)
  const text = (t: string) => t === 'text' || t === 'id'
  if (op === '+' && text(a.type) && (text(b.type) || b.type === 'number'))
    return concat(ctx, node, a, b)
  if (op === '+' && a.type === 'number' && text(b.type)) return concat(ctx, node, a, b)
  if (op === '+' && a.type === 'date' && b.type === 'number') return addDays(ctx, a, b, 1)
  if (op === '+' && a.type === 'number' && b.type === 'date') return addDays(ctx, b, a, 1)
  if (op === '-' && a.type === 'date' && b.type === 'number') return addDays(ctx, a, b, -1)
  if (op === '-' && a.type === 'date' && b.type === 'date') {
    return { sql: `(${dateToMs(a.sql)} - ${dateToMs(b.sql)})`, type: 'number' }
  }
  throw typeError(node, `'${op}' cannot combine ${describe(a.type)} and ${describe(b.type)}`)
}

function nullResult(op: Op, other: Val): Val {
  if (op === '+' && (other.type === 'text' || other.type === 'id')) return nullOf('text')
  if ((op === '+' || op === '-') && other.type === 'date') return nullOf('date')
  return nullOf('number')
}

function concat(ctx: Ctx, node: ExpressionNode, a: Val, b: Val): Val {
  const left = asText(ctx, a, node)
  const right = asText(ctx, b, node)
  return {
    sql: `(${left.sql} || ${right.sql})`,
    type: 'text',
    notNull: left.notNull && right.notNull,
  }
}

/** A date moved by a number of days (fractions too), null outside the date range. */
function addDays(ctx: Ctx, date: Val, days: Val, sign: 1 | -1): Val {
  const sql = ctx.bind([double(days)], (n) => {
    // Rounded to the millisecond as Math.round does (half up).
    const delta = `floor(${sign > 0 ? '' : '-'}${n} * 86400000 + 0.5)`
    const ms = `${dateToMs(date.sql)} + ${delta}`
    return `CASE WHEN abs(${n}) < 1e12 THEN ${msToDate(ctx, ms)} END`
  })
  return { sql, type: 'date' }
}

/**
 * An operand without a static type (a JSON value): `+` picks addition or concatenation by the
 * JSON types at run time; `- * /` read numbers.
 */
function dynamic(ctx: Ctx, node: BinaryNode, a: Val, b: Val): Val {
  const op = node.op as Op
  if (op !== '+') {
    if (a.type === 'date' && op === '-') return addDays(ctx, a, asNumber(ctx, b, node.right), -1)
    return numeric(ctx, op, asNumber(ctx, a, node.left), asNumber(ctx, b, node.right))
  }
  if (a.type === 'date') return addDays(ctx, a, asNumber(ctx, b, node.right), 1)
  if (b.type === 'date') return addDays(ctx, b, asNumber(ctx, a, node.left), 1)
  if (a.type === 'null' || b.type === 'null') return nullOf('unknown')
  if (a.type === 'text' || a.type === 'id' || b.type === 'text' || b.type === 'id') {
    const text = (v: Val) => asText(ctx, v, node)
    return { sql: `(${text(a).sql} || ${text(b).sql})`, type: 'text' }
  }
  const json = (v: Val) =>
    v.type === 'unknown' ? v.sql : `to_jsonb(${double(asNumber(ctx, v, node))})`
  return {
    sql: ctx.bind([json(a), json(b)], (x, y) => {
      const sum = numeric(
        ctx,
        '+',
        { sql: jsonNumber(ctx, x), type: 'number' },
        { sql: jsonNumber(ctx, y), type: 'number' },
      )
      const joined = `${jsonToText(ctx, x)} || ${jsonToText(ctx, y)}`
      return (
        `CASE WHEN jsonb_typeof(${x}) = 'number' AND jsonb_typeof(${y}) = 'number' THEN to_jsonb(${sum.sql}) ` +
        `WHEN jsonb_typeof(${x}) IN ('string', 'number') AND jsonb_typeof(${y}) IN ('string', 'number') ` +
        `THEN to_jsonb(${joined}) END`
      )
    }),
    type: 'unknown',
  }
}

/** Unary minus and plus on a number. */
export function negate(ctx: Ctx, op: '-' | '+', val: Val, node: ExpressionNode): Val {
  const n = asNumber(ctx, val, node)
  if (op === '+') return n
  return { sql: `(-${paren(double(n))})`, type: 'number', notNull: n.notNull }
}

function paren(sql: string): string {
  return `(${sql})`
}
