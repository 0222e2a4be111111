import type { ExpressionNode } from '@basalt/protocol'
import { toJson } from './coerce.js'
import type { Ctx, ItemScope } from './context.js'
import { columnRef, quoteIdent, tableRef } from './quote.js'
import { rowJson } from './row-json.js'
import { typeError } from './sql-errors.js'
import { isScalar, pgType } from './values.js'
import type { ListRepr, RelList, ScalarType, Val } from './values.js'

/** The elements of a list as rows of a FROM clause. */
export interface Elements {
  /** `FROM` items (without the keyword). */
  readonly from: string
  /** Conditions the rows must meet (joined with AND; may be empty). */
  readonly where: readonly string[]
  /** The element value. */
  readonly value: Val
  /** The list order. */
  readonly order: string
  /** How inner expressions see the element. */
  readonly item: ItemScope
  /** True when the list itself is null (or, for a JSON value, not an array). */
  readonly isNull: string
  /** For a JSON value: its bound SQL (null, or an array, or another JSON value). */
  readonly json?: string
}

/** The jsonb array of an object-list's rows, ordered by `_pos` (`[]` when empty). */
export function materialize(ctx: Ctx, rel: RelList): string {
  if (!rel.parentNullable) return aggregateRows(ctx, rel)
  return ctx.bind(
    [rel.parent],
    (p) => `CASE WHEN ${p} IS NOT NULL THEN ${aggregateRows(ctx, { ...rel, parent: p })} END`,
  )
}

function aggregateRows(ctx: Ctx, rel: RelList): string {
  const row = rowJson(rel.model, rel.alias, ctx.scope.catalog)
  const order = columnRef(rel.alias, '_pos')
  const where = relWhere(rel).join(' AND ')
  return `coalesce((SELECT jsonb_agg(${row} ORDER BY ${order}) FROM ${relFrom(rel)} WHERE ${where}), '[]'::jsonb)`
}

function relFrom(rel: RelList): string {
  return `${tableRef(rel.model)} AS ${quoteIdent(rel.alias)}`
}

function relWhere(rel: RelList): string[] {
  return [`${columnRef(rel.alias, '_parent')} = ${rel.parent}`, ...rel.conds]
}

/** A list value over an object-list's rows. */
export function relVal(ctx: Ctx, rel: RelList): Val {
  return {
    sql: materialize(ctx, rel),
    type: 'list',
    list: { kind: 'rel', rel },
    notNull: !rel.parentNullable,
  }
}

/** Whether a value can be used as a list (lists and geo points). */
export function isListLike(val: Val): boolean {
  return val.type === 'list' || val.type === 'geo'
}

/**
 * Gives `body` the elements of a list. Arrays and JSON arrays are bound once; an object-list is
 * read from its table. A value that is not a list is a type error (null is a null list).
 */
export function withElements(
  ctx: Ctx,
  list: Val,
  node: ExpressionNode,
  body: (els: Elements) => string,
): string {
  if (list.type === 'null') return body(emptyElements(ctx))
  if (!isListLike(list) && list.type !== 'unknown') throw typeError(node, 'expected a list')
  const repr = list.list
  if (repr?.kind === 'rel') return body(relElements(ctx, repr.rel))
  const alias = quoteIdent(ctx.alias())
  if (list.type === 'geo' || repr?.kind === 'array') {
    const elem = list.type === 'geo' ? 'number' : repr?.kind === 'array' ? repr.elem : 'null'
    return ctx.bind([list.sql], (arr) => {
      const value: Val = { sql: `${alias}."v"`, type: elem === 'null' ? 'null' : elem }
      return body({
        from: `unnest(${arr}) WITH ORDINALITY AS ${alias}("v", "i")`,
        where: [],
        value,
        order: `${alias}."i"`,
        item: { kind: 'value', value },
        isNull: `(${arr} IS NULL)`,
      })
    })
  }
  return ctx.bind([list.sql], (json) => {
    const value: Val = { sql: `nullif(${alias}."v", 'null'::jsonb)`, type: 'unknown' }
    return body({
      from:
        `jsonb_array_elements(CASE WHEN jsonb_typeof(${json}) = 'array' THEN ${json} END) ` +
        `WITH ORDINALITY AS ${alias}("v", "i")`,
      where: [],
      value,
      order: `${alias}."i"`,
      item: { kind: 'value', value },
      isNull: `(jsonb_typeof(${json}) IS DISTINCT FROM 'array')`,
      json,
    })
  })
}

function emptyElements(ctx: Ctx): Elements {
  const alias = quoteIdent(ctx.alias())
  const value: Val = { sql: `${alias}."v"`, type: 'null' }
  return {
    from: `unnest(NULL::text[]) WITH ORDINALITY AS ${alias}("v", "i")`,
    where: [],
    value,
    order: `${alias}."i"`,
    item: { kind: 'value', value },
    isNull: 'true',
  }
}

function relElements(ctx: Ctx, rel: RelList): Elements {
  const value: Val = {
    sql: rowJson(rel.model, rel.alias, ctx.scope.catalog),
    type: 'object',
    notNull: true,
  }
  return {
    from: relFrom(rel),
    where: relWhere(rel),
    value,
    order: columnRef(rel.alias, '_pos'),
    item: { kind: 'row', model: rel.model, alias: rel.alias },
    isNull: rel.parentNullable ? `(${rel.parent} IS NULL)` : 'false',
  }
}

/** `SELECT <what> FROM <elements> [WHERE ...]` (no parentheses). */
export function selectFrom(els: Elements, what: string, extra: readonly string[] = []): string {
  const where = [...els.where, ...extra]
  return `SELECT ${what} FROM ${els.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`
}

/**
 * A list built from the elements (in order, optionally filtered or mapped): a typed array when
 * the values are scalars, else a JSON array. A null list stays null.
 */
export function collect(
  ctx: Ctx,
  els: Elements,
  value: Val,
  extra: readonly string[] = [],
  order = els.order,
): Val {
  let built: string
  let list: Val['list']
  if (isScalar(value.type) || value.type === 'null') {
    const elem: ScalarType | 'null' = value.type === 'null' ? 'null' : (value.type as ScalarType)
    const type = pgType(elem)
    const v = value.bigint ? `(${value.sql})::double precision` : value.sql
    built = `ARRAY(${selectFrom(els, `(${v})::${type}`, extra)} ORDER BY ${order})`
    list = { kind: 'array', elem }
  } else {
    const json = toJson(ctx, value)
    built = `coalesce((${selectFrom(els, `jsonb_agg(${json} ORDER BY ${order})`, extra)}), '[]'::jsonb)`
    list = { kind: 'json' }
  }
  if (els.isNull === 'false') return { sql: built, type: 'list', list, notNull: true }
  return { sql: `CASE WHEN ${els.isNull} THEN NULL ELSE ${built} END`, type: 'list', list }
}

/** Elements with their 1-based position `n` and the list's size `c` (for AT, SLICE, INDEXOF). */
export interface Numbered extends Elements {
  readonly n: string
  readonly c: string
}

/** Numbers the elements in list order (a sub-select with row_number() and count()). */
export function numbered(ctx: Ctx, els: Elements): Numbered {
  const alias = quoteIdent(ctx.alias())
  const inner = selectFrom(
    els,
    `${els.value.sql} AS "v", row_number() OVER (ORDER BY ${els.order}) AS "n", count(*) OVER () AS "c"`,
  )
  const value: Val = { ...els.value, sql: `${alias}."v"`, notNull: false }
  return {
    from: `(${inner}) AS ${alias}`,
    where: [],
    value,
    order: `${alias}."n"`,
    item: { kind: 'value', value },
    isNull: els.isNull,
    n: `${alias}."n"`,
    c: `${alias}."c"`,
  }
}

/** Whether a value may be a list at run time (lists, geo points, JSON values, null). */
export function maybeList(val: Val): boolean {
  return isListLike(val) || val.type === 'unknown' || val.type === 'null'
}

/** How a list built from these elements is held (what `collect` answers for this value). */
export function collectedRepr(value: Val): ListRepr {
  if (isScalar(value.type)) return { kind: 'array', elem: value.type as ScalarType }
  if (value.type === 'null') return { kind: 'array', elem: 'null' }
  return { kind: 'json' }
}

/**
 * `CASE WHEN <list is null> THEN <ifNull> ELSE body END`; a JSON value that is not an array
 * (a non-list) gives null.
 */
export function guardList(els: Elements, ifNull: string, body: string): string {
  if (els.json !== undefined) {
    return `(CASE WHEN ${els.json} IS NULL THEN ${ifNull} WHEN ${els.isNull} THEN NULL ELSE ${body} END)`
  }
  return els.isNull === 'false'
    ? `(${body})`
    : `(CASE WHEN ${els.isNull} THEN ${ifNull} ELSE ${body} END)`
}
