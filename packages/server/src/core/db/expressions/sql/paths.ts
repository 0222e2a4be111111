import type { PathNode } from '@basalt/protocol'
import type { ResolvedField, ResolvedModel } from '../../model-types.js'
import { toJson } from './coerce.js'
import type { Ctx, ItemScope } from './context.js'
import { relVal } from './lists.js'
import { complexLookupPath, wrap } from './lookups.js'
import { columnRef, quoteIdent, tableRef } from './quote.js'
import { readAccess } from './read-access.js'
import { rowJson } from './row-json.js'
import { unknownField } from './sql-errors.js'
import { nullOf } from './values.js'
import type { ScalarType, Val } from './values.js'

/** Compiles a dotted name (docs/expressions.md, "Names"). */
export function compilePath(ctx: Ctx, node: PathNode): Val {
  const segments = node.segments
  const scope = ctx.scope
  const first = segments[0]!
  if (first === 'session' && segments.length === 2 && segments[1] === 'userId') {
    return { sql: ctx.param(scope.session?.userId ?? null, 'text'), type: 'id' }
  }
  if (first === 'lookup' && scope.lookup && segments.length > 1) {
    return fieldPath(ctx, scope.lookup.model, scope.lookup.alias, segments.slice(1), node)
  }
  if (first === 'this') return outerPath(ctx, segments.slice(1), node)
  if (first === 'item' && ctx.items.length > 0) {
    return itemValue(ctx, ctx.items[ctx.items.length - 1]!, segments.slice(1), node)
  }
  return fromItems(ctx, ctx.items.length - 1, node)
}

/** A bare name: the innermost element holding it, then the enclosing ones, then `this`. */
function fromItems(ctx: Ctx, index: number, node: PathNode): Val {
  if (index < 0) return outerPath(ctx, node.segments, node)
  const item = ctx.items[index]!
  const first = node.segments[0]!
  if (item.kind === 'row') {
    if (hasName(item.model, first))
      return fieldPath(ctx, item.model, item.alias, node.segments, node)
    return fromItems(ctx, index - 1, node)
  }
  if (item.value.type !== 'unknown') return fromItems(ctx, index - 1, node)
  // A JSON element holds the key or not at run time: fall back outwards when it does not.
  const keys = ctx.param(node.segments, 'text[]')
  const own = `nullif(${item.value.sql} #> ${keys}, 'null'::jsonb)`
  let fallback: Val
  try {
    fallback = fromItems(ctx, index - 1, node)
  } catch {
    return { sql: own, type: 'unknown' }
  }
  const holds = `jsonb_typeof(${item.value.sql}) = 'object' AND ${item.value.sql} ? ${ctx.param(first, 'text')}`
  return {
    sql: `CASE WHEN ${holds} THEN ${own} ELSE ${toJson(ctx, fallback)} END`,
    type: 'unknown',
  }
}

/** A name on the current object (`this.`): a field, or a lookup of the query. */
function outerPath(ctx: Ctx, segments: readonly string[], node: PathNode): Val {
  const scope = ctx.scope
  if (segments.length === 0) {
    return { sql: rowJson(scope.model, scope.alias, scope.catalog), type: 'object', notNull: true }
  }
  const lookup = scope.lookups?.get(segments[0]!)
  if (lookup?.kind === 'complex') return complexLookupPath(ctx, lookup, segments.slice(1), node)
  return fieldPath(ctx, scope.model, scope.alias, segments, node)
}

/** `item` and `item.x`: the current element itself, or a path into it. */
function itemValue(ctx: Ctx, item: ItemScope, rest: readonly string[], node: PathNode): Val {
  if (item.kind === 'row') {
    if (rest.length === 0) {
      return {
        sql: rowJson(item.model, item.alias, ctx.scope.catalog),
        type: 'object',
        notNull: true,
      }
    }
    return fieldPath(ctx, item.model, item.alias, rest, node)
  }
  if (rest.length === 0) return item.value
  if (item.value.type !== 'unknown' && item.value.type !== 'object') return nullOf('null')
  const keys = ctx.param(rest, 'text[]')
  return { sql: `nullif(${item.value.sql} #> ${keys}, 'null'::jsonb)`, type: 'unknown' }
}

function name(node: PathNode): string {
  return node.segments.join('.')
}

function hasName(model: ResolvedModel, field: string): boolean {
  return model.fields.has(field) || systemField(model, field) !== undefined
}

function systemField(model: ResolvedModel, field: string): ScalarType | undefined {
  if (field === '_id') return 'id'
  if (field === '_parent' && model.kind !== 'top') return 'id'
  if ((field === 'createdAt' || field === 'updatedAt') && model.timestamps) return 'date'
  return undefined
}

/** A dotted name over the fields of `model` at `alias`. */
export function fieldPath(
  ctx: Ctx,
  model: ResolvedModel,
  alias: string,
  segments: readonly string[],
  node: PathNode,
): Val {
  const [first, ...rest] = segments
  const system = systemField(model, first!)
  if (system) {
    if (rest.length > 0) return nullOf('null')
    return { sql: columnRef(alias, first!), type: system, notNull: true }
  }
  const field = model.fields.get(first!)
  if (!field) throw unknownField(node, name(node))
  if (rest.length > 0) return nestedPath(ctx, field, alias, rest, node)
  return fieldValue(ctx, field, alias, node)
}

function nestedPath(
  ctx: Ctx,
  field: ResolvedField,
  alias: string,
  rest: readonly string[],
  node: PathNode,
): Val {
  const sub = field.subModel
  if (field.type === 'object' && sub) {
    const child = ctx.alias()
    const inner = fieldPath(ctx, sub, child, rest, node)
    const where = `${columnRef(child, '_parent')} = ${columnRef(alias, '_id')}`
    return wrap(
      ctx,
      inner,
      (sql) =>
        `(SELECT ${sql} FROM ${tableRef(sub)} AS ${quoteIdent(child)} WHERE ${where} LIMIT 1)`,
    )
  }
  if (field.type === 'reference' && field.column) {
    const target = field.reference ? ctx.scope.catalog.models.get(field.reference) : undefined
    if (!target) throw unknownField(node, name(node))
    const joined = ctx.alias()
    const inner = fieldPath(ctx, target, joined, rest, node)
    const where = `${columnRef(joined, '_id')} = ${columnRef(alias, field.column)}${readAccess(ctx, target, joined)}`
    return wrap(
      ctx,
      inner,
      (sql) =>
        `(SELECT ${sql} FROM ${tableRef(target)} AS ${quoteIdent(joined)} WHERE ${where} LIMIT 1)`,
    )
  }
  if (field.type === 'json' && field.column) {
    const keys = ctx.param(rest, 'text[]')
    return {
      sql: `nullif(${columnRef(alias, field.column)} #> ${keys}, 'null'::jsonb)`,
      type: 'unknown',
    }
  }
  // Dots go into objects only: through a list or a scalar the path is null (docs).
  return nullOf('null')
}

function fieldValue(ctx: Ctx, field: ResolvedField, alias: string, node: PathNode): Val {
  const sub = field.subModel
  if (field.type === 'object' && sub) {
    const child = ctx.alias()
    const where = `${columnRef(child, '_parent')} = ${columnRef(alias, '_id')}`
    const row = rowJson(sub, child, ctx.scope.catalog)
    return {
      sql: `(SELECT ${row} FROM ${tableRef(sub)} AS ${quoteIdent(child)} WHERE ${where} LIMIT 1)`,
      type: 'object',
    }
  }
  if (field.type === 'object-list' && sub) {
    const parent = columnRef(alias, '_id')
    return relVal(ctx, { model: sub, alias: ctx.alias(), parent, parentNullable: false, conds: [] })
  }
  if (!field.column) throw unknownField(node, name(node))
  const column = columnRef(alias, field.column)
  switch (field.type) {
    case 'json':
      return { sql: `nullif(${column}, 'null'::jsonb)`, type: 'unknown' }
    case 'encrypted-text':
      return { sql: column, type: 'text', encrypted: true }
    case 'geo-point':
      return field.sqlType === 'point'
        ? {
            sql: `CASE WHEN ${column} IS NOT NULL THEN ARRAY[${column}[0], ${column}[1]] END`,
            type: 'geo',
          }
        : { sql: column, type: 'geo' }
    case 'basic-values-list':
    case 'option-list':
      return listColumn(field, column)
    default:
      return scalarColumn(field, column)
  }
}

function listColumn(field: ResolvedField, column: string): Val {
  const item = field.type === 'option-list' ? 'text' : (field.itemType ?? 'text')
  switch (item) {
    case 'integer':
      return {
        sql: `${column}::double precision[]`,
        type: 'list',
        list: { kind: 'array', elem: 'number' },
      }
    case 'decimal': {
      const sql = field.sqlType === 'double precision[]' ? column : `${column}::double precision[]`
      return { sql, type: 'list', list: { kind: 'array', elem: 'number' } }
    }
    case 'boolean':
      return { sql: column, type: 'list', list: { kind: 'array', elem: 'boolean' } }
    case 'date-time':
      return { sql: column, type: 'list', list: { kind: 'array', elem: 'date' } }
    case 'object-id':
      return { sql: column, type: 'list', list: { kind: 'array', elem: 'id' } }
    default:
      return { sql: column, type: 'list', list: { kind: 'array', elem: 'text' } }
  }
}

const INTEGER_TYPES = new Set(['bigint', 'integer', 'smallint'])

function scalarColumn(field: ResolvedField, column: string): Val {
  switch (field.valueType) {
    case 'number':
      // Integer columns stay as they are (comparisons can use their index); any other
      // numeric column type is read as a double, as the language's numbers are.
      if (INTEGER_TYPES.has(field.sqlType ?? ''))
        return { sql: column, type: 'number', bigint: true }
      if (field.sqlType === 'double precision') return { sql: column, type: 'number' }
      return { sql: `${column}::double precision`, type: 'number' }
    case 'boolean':
    case 'date':
    case 'id':
    case 'text':
      return { sql: column, type: field.valueType }
    default:
      return {
        sql: column,
        type: field.type === 'reference' || field.type === 'object-id' ? 'id' : 'text',
      }
  }
}
