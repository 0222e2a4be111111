import type { CallNode } from '@basalt/protocol'
import { truthy } from '../coerce.js'
import type { Ctx } from '../context.js'
import {
  collect,
  collectedRepr,
  guardList,
  maybeList,
  relVal,
  selectFrom,
  withElements,
} from '../lists.js'
import { readable } from '../readable.js'
import { nullOf } from '../values.js'
import type { Val } from '../values.js'
import { arg, args } from './types.js'
import type { SqlFunction, SqlFunctionTable } from './types.js'

/**
 * An array function with an inner expression compiled once for the element (`item`, and bare
 * names that the element holds); a null list gives null, a non-list too.
 */
function perItem(
  type: Val['type'],
  build: (ctx: Ctx, list: Val, call: CallNode) => Val,
): SqlFunction {
  return (ctx, call) => {
    const list = arg(ctx, call.args[0]!)
    if (!maybeList(list) || list.type === 'null') return nullOf(type)
    return build(ctx, list, call)
  }
}

function inner(ctx: Ctx, call: CallNode): Val {
  const node = call.args[1]!
  return readable(ctx.compile(node), node)
}

const anyItem = perItem('boolean', (ctx, list, call) => ({
  sql: withElements(ctx, list, call, (els) => {
    const cond = truthy(ctx, inner(ctx.withItem(els.item), call))
    return guardList(els, 'NULL', `EXISTS (${selectFrom(els, '1', [cond])})`)
  }),
  type: 'boolean',
}))

const allItems = perItem('boolean', (ctx, list, call) => ({
  sql: withElements(ctx, list, call, (els) => {
    const cond = truthy(ctx, inner(ctx.withItem(els.item), call))
    return guardList(els, 'NULL', `NOT EXISTS (${selectFrom(els, '1', [`NOT ${cond}`])})`)
  }),
  type: 'boolean',
}))

const filter = perItem('list', (ctx, list, call) => {
  const repr = list.list
  if (repr?.kind === 'rel') {
    // An object-list stays rows: SIZE(FILTER(reviews, ...)) is a count.
    const item = ctx.withItem({ kind: 'row', model: repr.rel.model, alias: repr.rel.alias })
    const cond = truthy(item, inner(item, call))
    return relVal(ctx, { ...repr.rel, conds: [...repr.rel.conds, cond] })
  }
  let result: Val = nullOf('list')
  const sql = withElements(ctx, list, call, (els) => {
    const cond = truthy(ctx, inner(ctx.withItem(els.item), call))
    result = collect(ctx, els, els.value, [cond])
    return guardList(els, 'NULL', result.sql)
  })
  return { sql, type: 'list', list: result.list }
})

const map = perItem('list', (ctx, list, call) => {
  let result: Val = nullOf('list')
  const sql = withElements(ctx, list, call, (els) => {
    result = collect(ctx, els, inner(ctx.withItem(els.item), call))
    return guardList(els, 'NULL', result.sql)
  })
  return { sql, type: 'list', list: result.list }
})

function reverse(ctx: Ctx, call: CallNode): Val {
  const [list] = args(ctx, call)
  if (!maybeList(list!) || list!.type === 'null') return nullOf('list')
  let result: Val = nullOf('list')
  const sql = withElements(ctx, list!, call, (els) => {
    result = collect(ctx, els, els.value, [], `${els.order} DESC`)
    return guardList(els, 'NULL', result.sql)
  })
  return { sql, type: 'list', list: result.list }
}

/**
 * SORT(list[, ascending]): numbers, texts (code-point order) or dates, nulls last both ways,
 * stable; null when the non-null elements are of another or of mixed types.
 */
function sort(ctx: Ctx, call: CallNode): Val {
  const [list, ascending] = args(ctx, call)
  if (!maybeList(list!) || list!.type === 'null' || ascending?.type === 'null') {
    return nullOf('list')
  }
  let repr = collectedRepr({ sql: '', type: 'null' })
  const sql = ctx.bind([ascending ? ascending.sql : 'true'], (given) => {
    const up = ascending ? truthy(ctx, { ...ascending, sql: given }) : 'true'
    const body = withElements(ctx, list!, call, (els) => {
      const v = els.value
      const nonNull = `EXISTS (${selectFrom(els, '1', [`${v.sql} IS NOT NULL`])})`
      const key = (x: string) => (v.type === 'text' || v.type === 'id' ? `(${x}) COLLATE "C"` : x)
      let sortable: string
      let keys: string[]
      if (v.type === 'unknown') {
        const types = `(${selectFrom(els, `count(DISTINCT jsonb_typeof(${v.sql}))`)})`
        const scalar = `jsonb_typeof(${v.sql}) IN ('number', 'string')`
        const kinds = `(${selectFrom(els, `bool_and(${scalar})`, [`${v.sql} IS NOT NULL`])})`
        sortable = `(${types} <= 1 AND coalesce(${kinds}, true))`
        keys = [
          `CASE WHEN jsonb_typeof(${v.sql}) = 'string' THEN (${v.sql} #>> '{}') COLLATE "C" END`,
          v.sql,
        ]
      } else {
        const orderable = ['number', 'text', 'id', 'date'].includes(v.type)
        sortable = orderable ? 'true' : `NOT ${nonNull}`
        keys = [key(v.sql)]
      }
      const directed = keys.map(
        (k) => `CASE WHEN ${up} THEN ${k} END ASC, CASE WHEN NOT ${up} THEN ${k} END DESC`,
      )
      const order = [`${v.sql} IS NULL`, ...directed, els.order].join(', ')
      const result = collect(ctx, els, v, [], order)
      repr = result.list!
      return guardList(els, 'NULL', `CASE WHEN ${sortable} THEN ${result.sql} END`)
    })
    // A null `ascending` (at run time) gives null, as in memory.
    return ascending && !ascending.notNull
      ? `CASE WHEN ${given} IS NOT NULL THEN ${body} END`
      : body
  })
  return { sql, type: 'list', list: repr }
}

/** ALLITEMSTRUE, ANYITEMTRUE, FILTER, MAP, REVERSE, SORT. */
export const ARRAY_FUNCTIONS: SqlFunctionTable = {
  ALLITEMSTRUE: allItems,
  ANYITEMTRUE: anyItem,
  FILTER: filter,
  MAP: map,
  REVERSE: reverse,
  SORT: sort,
}
