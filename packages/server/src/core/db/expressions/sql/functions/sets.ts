import type { CallNode } from '@basalt/protocol'
import { toJson } from '../coerce.js'
import { equals } from '../compare.js'
import type { Ctx } from '../context.js'
import { collect, guardList, maybeList, numbered, selectFrom, withElements } from '../lists.js'
import type { Elements } from '../lists.js'
import { quoteIdent } from '../quote.js'
import { nullOf, pgType } from '../values.js'
import type { ScalarType, Val } from '../values.js'
import { arrayElem } from './list.js'
import { args, eager } from './types.js'
import type { SqlFunctionTable } from './types.js'

/*
 * Set functions compare elements by type and value, with no text/date coercion (as UNIQUE
 * does in memory): typed arrays of one PostgreSQL type by `IS NOT DISTINCT FROM`, anything
 * else as jsonb.
 */

/** The element type two lists share as typed arrays, or undefined (then compare as JSON). */
function sharedElem(a: Val, b: Val): ScalarType | 'null' | undefined {
  const x = arrayElem(a)
  const y = arrayElem(b)
  if (x === undefined || y === undefined) return undefined
  if (x === 'null') return y
  if (y === 'null' || pgType(x) === pgType(y)) return x
  return undefined
}

/** The elements as rows (`v`, source, position) of one comparable type. */
function rows(
  ctx: Ctx,
  els: Elements,
  elem: ScalarType | 'null' | undefined,
  source: number,
): string {
  const v = elem === undefined ? toJson(ctx, els.value) : `(${els.value.sql})::${pgType(elem)}`
  return selectFrom(els, `${v} AS "v", ${source} AS "s", ${els.order} AS "i"`)
}

/**
 * The distinct elements of `first` (and of `second` for UNION), first occurrences kept, with
 * `keep` deciding on each against `second`'s elements.
 */
function setOf(ctx: Ctx, call: CallNode, mode: 'unique' | 'union' | 'intersect' | 'except'): Val {
  const [a, b] = args(ctx, call)
  const lists = mode === 'unique' ? [a!] : [a!, b!]
  if (lists.some((l) => !maybeList(l) || l.type === 'null')) return nullOf('list')
  const elem = mode === 'unique' ? arrayElem(a!) : sharedElem(a!, b!)
  const type: Val =
    elem === undefined
      ? { sql: '', type: 'unknown' }
      : { sql: '', type: elem === 'null' ? 'null' : elem }
  let result: Val = nullOf('list')
  const sql = withElements(ctx, a!, call, (first) => {
    const build = (second?: Elements): string => {
      const all =
        mode === 'union' && second
          ? `${rows(ctx, first, elem, 1)} UNION ALL ${rows(ctx, second, elem, 2)}`
          : rows(ctx, first, elem, 1)
      const u = quoteIdent(ctx.alias())
      const ranked = `SELECT ${u}."v", ${u}."s", ${u}."i", row_number() OVER (PARTITION BY ${u}."v" ORDER BY ${u}."s", ${u}."i") AS "r" FROM (${all}) AS ${u}`
      const r = quoteIdent(ctx.alias())
      const extra: string[] = [`${r}."r" = 1`]
      if (second && (mode === 'intersect' || mode === 'except')) {
        const o = quoteIdent(ctx.alias())
        const other = `EXISTS (SELECT 1 FROM (${rows(ctx, second, elem, 2)}) AS ${o} WHERE ${o}."v" IS NOT DISTINCT FROM ${r}."v")`
        extra.push(mode === 'intersect' ? other : `NOT ${other}`)
      }
      const value: Val = { ...type, sql: `${r}."v"` }
      const els: Elements = {
        from: `(${ranked}) AS ${r}`,
        where: [],
        value,
        order: `${r}."s", ${r}."i"`,
        item: { kind: 'value', value },
        isNull: 'false',
      }
      result = collect(ctx, els, value, extra)
      const nulls = [first.isNull, ...(second ? [second.isNull] : [])].join(' OR ')
      return `CASE WHEN ${nulls} THEN NULL ELSE ${result.sql} END`
    }
    return mode === 'unique' ? build() : withElements(ctx, b!, call, (second) => build(second))
  })
  return { sql, type: 'list', list: result.list }
}

function indexOf(ctx: Ctx, [list, value]: Val[], call: CallNode): Val {
  if (!maybeList(list!) || list!.type === 'null') return nullOf('number')
  const sql = withElements(ctx, list!, call, (els) => {
    const rows = numbered(ctx, els)
    const found = `(${selectFrom(rows, `min(${rows.n}) - 1`, [equals(ctx, rows.value, value!, call)])})`
    return guardList(els, 'NULL', `coalesce(${found}, -1)::double precision`)
  })
  return { sql, type: 'number' }
}

/** UNIQUE, UNION, INTERSECTION, DIFFERENCE, INDEXOF. */
export const SET_FUNCTIONS: SqlFunctionTable = {
  UNIQUE: (ctx, call) => setOf(ctx, call, 'unique'),
  UNION: (ctx, call) => setOf(ctx, call, 'union'),
  INTERSECTION: (ctx, call) => setOf(ctx, call, 'intersect'),
  DIFFERENCE: (ctx, call) => setOf(ctx, call, 'except'),
  INDEXOF: eager(indexOf),
}
