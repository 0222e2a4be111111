import type { ExpressionNode } from '@basalt/protocol'
import { asDate, describe, fromJson, toJson } from './coerce.js'
import { typeError } from './sql-errors.js'
import type { Ctx } from './context.js'
import { boolVal, isScalar, isSimpleSql, pgType } from './values.js'
import type { ScalarType, Val } from './values.js'

/** Equality as the expression language means it: never null, null == null (docs). */
export function equals(ctx: Ctx, a: Val, b: Val, node: ExpressionNode): string {
  if (a.type === 'null' && b.type === 'null') return 'true'
  if (a.type === 'null') return isNull(b)
  if (b.type === 'null') return isNull(a)
  const pair = comparable(ctx, a, b, node)
  if (pair === undefined) return `(${isNull(a)} AND ${isNull(b)})`
  const [x, y, exact] = pair
  if (!exact) {
    // A conversion may turn a value into null (a JSON number read as text): test the
    // nullness of the values as given, and compare the converted ones.
    return ctx.bind([a.sql, b.sql], (p, q) => {
      const [cx, cy] = comparable(ctx, { ...a, sql: p }, { ...b, sql: q }, node)!
      return `((${p} IS NULL AND ${q} IS NULL) OR (${cx.sql} = ${cy.sql}) IS TRUE)`
    })
  }
  if (x.notNull && y.notNull) return `(${x.sql} = ${y.sql})`
  // `col = $1 AND col IS NOT NULL` is never null and lets PostgreSQL use an index on col.
  if (y.notNull && isSimpleSql(x.sql)) return `(${x.sql} = ${y.sql} AND ${x.sql} IS NOT NULL)`
  if (x.notNull && isSimpleSql(y.sql)) return `(${x.sql} = ${y.sql} AND ${y.sql} IS NOT NULL)`
  return `(${x.sql} IS NOT DISTINCT FROM ${y.sql})`
}

/**
 * `<`, `<=`, `>`, `>=`: false when an operand is null (or a text is not a date against a date);
 * types that do not order are a type error when known now, and null at run time (JSON values).
 */
export function ordering(ctx: Ctx, op: string, a: Val, b: Val, node: ExpressionNode): Val {
  if (a.type === 'null' || b.type === 'null') return boolVal('false')
  if (a.type === 'unknown' && b.type === 'unknown') {
    return { sql: jsonOrdering(ctx, op, a.sql, b.sql), type: 'boolean' }
  }
  if (a.type === 'unknown' || b.type === 'unknown') return mixedOrdering(ctx, op, a, b)
  const pair = comparable(ctx, a, b, node)
  const orderable = pair !== undefined && isScalar(pair[0].type)
  if (!orderable) {
    throw typeError(node, `'${op}' cannot order ${describe(a.type)} and ${describe(b.type)}`)
  }
  return boolVal(ordered(ctx, op, pair[0], pair[1]))
}

/** `x op y` for two values of one scalar type: never null. */
function ordered(ctx: Ctx, op: string, x: Val, y: Val): string {
  const text = x.type === 'text' || x.type === 'id'
  return ctx.bind([x.sql, y.sql], (p, q) => {
    const guards = [
      x.notNull ? '' : ` AND ${p} IS NOT NULL`,
      y.notNull ? '' : ` AND ${q} IS NOT NULL`,
    ]
    return `(${text ? `(${p} COLLATE "C")` : p} ${op} ${q}${guards.join('')})`
  })
}

/** A JSON value against a typed one: compared when the JSON type matches, else null. */
function mixedOrdering(ctx: Ctx, op: string, a: Val, b: Val): Val {
  const json = a.type === 'unknown' ? a : b
  const typed = a.type === 'unknown' ? b : a
  if (!isScalar(typed.type)) {
    return {
      sql: ctx.bind(
        [json.sql, typed.sql],
        (j, t) => `CASE WHEN ${j} IS NULL OR ${t} IS NULL THEN false END`,
      ),
      type: 'boolean',
    }
  }
  const jsonType =
    typed.type === 'number' ? 'number' : typed.type === 'boolean' ? 'boolean' : 'string'
  return {
    sql: ctx.bind([json.sql, typed.sql], (j, t) => {
      const jv = fromJson(ctx, j, typed.type === 'id' ? 'text' : typed.type)
      const tv: Val = { ...typed, sql: t }
      const [x, y] = a.type === 'unknown' ? [jv, tv] : [tv, jv]
      const cmp = ordered(ctx, op, x, y)
      return (
        `CASE WHEN ${j} IS NULL OR ${t} IS NULL THEN false ` +
        `WHEN jsonb_typeof(${j}) = '${jsonType}' THEN ${cmp} END`
      )
    }),
    type: 'boolean',
  }
}

function isNull(val: Val): string {
  if (val.notNull) return 'false'
  if (val.list?.kind === 'rel' && !val.list.rel.parentNullable) return 'false'
  return `(${val.sql} IS NULL)`
}

/**
 * Brings two non-null-typed values to one comparable SQL type. `exact` says the conversion keeps
 * every non-null value non-null (so `IS NOT DISTINCT FROM` is right); undefined when the types
 * never compare equal.
 */
function comparable(
  ctx: Ctx,
  a: Val,
  b: Val,
  node: ExpressionNode,
): [Val, Val, boolean] | undefined {
  const ta = a.type === 'id' ? 'text' : a.type
  const tb = b.type === 'id' ? 'text' : b.type
  if (ta === 'unknown' && tb === 'unknown') return [a, b, true]
  if (ta === 'unknown') return swap(comparable(ctx, b, a, node))
  if (tb === 'unknown') {
    if (isScalar(ta)) return [a, fromJson(ctx, b.sql, ta), false]
    return [{ sql: toJson(ctx, a), type: 'unknown' }, b, true]
  }
  if (ta === 'date' && tb === 'text') return [a, asDate(ctx, b, node), b.literal !== undefined]
  if (ta === 'text' && tb === 'date') return [asDate(ctx, a, node), b, a.literal !== undefined]
  if (ta === 'number' && tb === 'number') return numbers(ctx, a, b)
  if (ta !== tb) {
    return isListLike(ta) && isListLike(tb) ? jsonPair(ctx, a, b) : undefined
  }
  if (ta === 'list' || ta === 'geo') return listPair(ctx, a, b)
  if (ta === 'object') return [a, b, true]
  return [a, b, true]
}

function isListLike(type: string): boolean {
  return type === 'list' || type === 'geo'
}

function swap(pair: [Val, Val, boolean] | undefined): [Val, Val, boolean] | undefined {
  return pair && [pair[1], pair[0], pair[2]]
}

function jsonPair(ctx: Ctx, a: Val, b: Val): [Val, Val, boolean] {
  return [
    { sql: toJson(ctx, a), type: 'unknown', notNull: a.notNull },
    { sql: toJson(ctx, b), type: 'unknown', notNull: b.notNull },
    true,
  ]
}

/** Number pairs: an integer literal against a bigint column stays bigint (index-friendly). */
function numbers(ctx: Ctx, a: Val, b: Val): [Val, Val, boolean] {
  // A literal's value is read only against a bigint: other SQL does not depend on it, so that
  // a filter compiled once serves every value (literal-slots.ts).
  const lit = (v: Val) => (typeof v.literal?.value === 'number' ? v.literal.value : undefined)
  const lb = a.bigint ? lit(b) : undefined
  if (lb !== undefined && Number.isSafeInteger(lb)) {
    return [a, { sql: ctx.param(lb, 'bigint'), type: 'number', notNull: true }, true]
  }
  const la = b.bigint ? lit(a) : undefined
  if (la !== undefined && Number.isSafeInteger(la)) {
    return [{ sql: ctx.param(la, 'bigint'), type: 'number', notNull: true }, b, true]
  }
  return [a, b, true]
}

function listPair(ctx: Ctx, a: Val, b: Val): [Val, Val, boolean] {
  const ea = arrayElem(a)
  const eb = arrayElem(b)
  if (ea === undefined || eb === undefined) return jsonPair(ctx, a, b)
  if (ea === 'null' || eb === 'null' || pgType(ea) === pgType(eb)) {
    const elem = ea === 'null' ? eb : ea
    return [retype(a, elem), retype(b, elem), true]
  }
  return jsonPair(ctx, a, b)
}

function arrayElem(val: Val): ScalarType | 'null' | undefined {
  if (val.type === 'geo') return 'number'
  return val.list?.kind === 'array' ? val.list.elem : undefined
}

function retype(val: Val, elem: ScalarType | 'null'): Val {
  return val.list?.kind === 'array' && val.list.elem === 'null'
    ? { ...val, sql: `(${val.sql})::${pgType(elem)}[]` }
    : val
}

function jsonOrdering(ctx: Ctx, op: string, a: string, b: string): string {
  return ctx.bind(
    [a, b],
    (x, y) =>
      `CASE WHEN ${x} IS NULL OR ${y} IS NULL THEN false ` +
      `WHEN jsonb_typeof(${x}) = 'string' AND jsonb_typeof(${y}) = 'string' ` +
      `THEN (${x} #>> '{}') COLLATE "C" ${op} (${y} #>> '{}') ` +
      `WHEN jsonb_typeof(${x}) = jsonb_typeof(${y}) AND jsonb_typeof(${x}) IN ('number', 'boolean') ` +
      `THEN ${x} ${op} ${y} END`,
  )
}
