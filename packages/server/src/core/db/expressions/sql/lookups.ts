import type { PathNode } from '@basalt/protocol'
import { truthy } from './coerce.js'
import type { Ctx } from './context.js'
import { relVal } from './lists.js'
import { fieldPath } from './paths.js'
import { columnRef, quoteIdent, tableRef } from './quote.js'
import { readAccess } from './read-access.js'
import { readable } from './readable.js'
import { rowJson } from './row-json.js'
import type { QueryLookup } from './sql-types.js'
import type { Val } from './values.js'

/*
 * The lookups of a query. A simple lookup is its reference field, followed by paths like any
 * reference; a complex one is the first target row (by _id) that its query accepts, with
 * `this.` the queried row and `lookup.` the candidate.
 */

/** `EXISTS(name)` of a lookup: whether a target matches; undefined when `node` is no lookup. */
export function lookupExists(ctx: Ctx, node: PathNode): string | undefined {
  const segments = node.segments[0] === 'this' ? node.segments.slice(1) : node.segments
  if (segments.length !== 1 || (ctx.items.length > 0 && node.segments[0] !== 'this'))
    return undefined
  const lookup = ctx.scope.lookups?.get(segments[0]!)
  if (!lookup) return undefined
  const alias = ctx.alias()
  if (lookup.kind === 'complex') {
    const cond = lookupCondition(ctx, lookup, alias)
    return `EXISTS (SELECT 1 FROM ${tableRef(lookup.target)} AS ${quoteIdent(alias)} WHERE ${cond}${readAccess(ctx, lookup.target, alias)})`
  }
  const field = ctx.scope.model.fields.get(lookup.name)
  if (!field?.column) return undefined
  const ref = columnRef(ctx.scope.alias, field.column)
  return `EXISTS (SELECT 1 FROM ${tableRef(lookup.target)} AS ${quoteIdent(alias)} WHERE ${columnRef(alias, '_id')} = ${ref}${readAccess(ctx, lookup.target, alias)})`
}

export function complexLookupPath(
  ctx: Ctx,
  lookup: Extract<QueryLookup, { kind: 'complex' }>,
  rest: readonly string[],
  node: PathNode,
): Val {
  const alias = ctx.alias()
  const cond = lookupCondition(ctx, lookup, alias)
  const inner =
    rest.length === 0
      ? { sql: rowJson(lookup.target, alias, ctx.scope.catalog), type: 'object' as const }
      : fieldPath(ctx, lookup.target, alias, rest, node)
  const from = `${tableRef(lookup.target)} AS ${quoteIdent(alias)} WHERE ${cond}${readAccess(ctx, lookup.target, alias)} ORDER BY ${columnRef(alias, '_id')} LIMIT 1`
  return wrap(ctx, inner, (sql) => `(SELECT ${sql} FROM ${from})`)
}

function lookupCondition(
  ctx: Ctx,
  lookup: Extract<QueryLookup, { kind: 'complex' }>,
  alias: string,
): string {
  const inner = ctx.withScope({
    ...ctx.scope,
    lookup: { model: lookup.target, alias },
    lookups: undefined,
  })
  return truthy(inner, readable(inner.compile(lookup.query), lookup.query))
}

/** Moves a value computed over a joined row out through a scalar sub-select. */
export function wrap(ctx: Ctx, inner: Val, through: (sql: string) => string): Val {
  const repr = inner.list
  if (repr?.kind === 'rel') {
    return relVal(ctx, { ...repr.rel, parent: through(repr.rel.parent), parentNullable: true })
  }
  return { sql: through(inner.sql), type: inner.type, list: repr, bigint: inner.bigint }
}
