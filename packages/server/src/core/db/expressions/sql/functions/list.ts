import type { CallNode } from '@basalt/protocol'
import { numberArg, textArg, toJson, truthy } from '../coerce.js'
import { equals } from '../compare.js'
import type { Ctx } from '../context.js'
import {
  collect,
  collectedRepr,
  guardList,
  isListLike,
  maybeList,
  numbered,
  selectFrom,
  withElements,
} from '../lists.js'
import { boolVal, isScalar, nullOf, pgType } from '../values.js'
import type { ScalarType, Val } from '../values.js'
import { args, eager } from './types.js'
import type { SqlFunctionTable } from './types.js'

/** The element type of a value held as a PostgreSQL array. */
export function arrayElem(val: Val): ScalarType | 'null' | undefined {
  if (val.type === 'geo') return 'number'
  return val.list?.kind === 'array' ? val.list.elem : undefined
}

/** Whether `v` compares with the elements of an array of `elem` by plain SQL equality. */
function sameType(elem: ScalarType | 'null' | undefined, v: Val): elem is ScalarType {
  if (elem === undefined || elem === 'null' || !isScalar(v.type)) return false
  return pgType(elem) === pgType(v.type) && (elem === 'date') === (v.type === 'date')
}

/** IN(list, v): v equals an element as `==` does; false for a null list, null for a non-list. */
export function inList(ctx: Ctx, list: Val, value: Val, call: CallNode): Val {
  if (list.type === 'null') return boolVal('false')
  if (!maybeList(list))
    return { sql: `CASE WHEN ${list.sql} IS NULL THEN false END`, type: 'boolean' }
  const elem = arrayElem(list)
  if (sameType(elem, value)) {
    const literal = list.constantList
    const value_ = value.bigint ? `(${value.sql})::double precision` : value.sql
    return boolVal(
      ctx.bind([list.sql, value_], (a, v) => {
        if (Array.isArray(literal) && !literal.includes(null)) {
          // A literal list against a column: `col = ANY($1)` can use the column's index.
          const test = `${v} = ANY(${a})`
          return value.notNull ? `(${test})` : `(${test} AND ${v} IS NOT NULL)`
        }
        if (value.notNull) {
          // A list column against a value: `@>` can use a GIN index on the column.
          return `(${a} @> ARRAY[${v}]::${pgType(elem)}[] AND ${a} IS NOT NULL)`
        }
        return `CASE WHEN ${a} IS NULL THEN false ELSE array_position(${a}, ${v}) IS NOT NULL END`
      }),
    )
  }
  const sql = withElements(ctx, list, call, (els) =>
    guardList(
      els,
      'false',
      `EXISTS (${selectFrom(els, '1', [equals(ctx, els.value, value, call)])})`,
    ),
  )
  return { sql, type: 'boolean', notNull: list.type !== 'unknown' }
}

/** INCLUDES(t, search[, caseSensitive]): substring test, or on a list, IN (text folded). */
export function includes(ctx: Ctx, call: CallNode): Val {
  const [subject, search, sensitive] = args(ctx, call)
  if (subject!.type === 'null' || sensitive?.type === 'null') return nullOf('boolean')
  const type = 'boolean' as const
  const flag = sensitive ? sensitive.sql : 'true'
  const sql = ctx.bind([flag, search!.sql], (given, bound) => {
    const cs = sensitive ? truthy(ctx, { ...sensitive, sql: given }) : 'true'
    const wanted: Val = { ...search!, sql: bound }
    const s = textArg(ctx, wanted).sql
    const textTest = (t: string) =>
      `CASE WHEN ${cs} THEN strpos(${t}, ${s}) > 0 ELSE strpos(lower(${t}), lower(${s})) > 0 END`
    const listTest = (list: Val) => {
      const exact = inList(ctx, list, wanted, call).sql
      if (!sensitive || textArg(ctx, wanted).type === 'null') return exact
      const folded = withElements(ctx, list, call, (els) => {
        const e = textArg(ctx, els.value).sql
        return `EXISTS (${selectFrom(els, '1', [`lower(${e}) = lower(${s})`])})`
      })
      return `CASE WHEN ${cs} OR ${s} IS NULL THEN ${exact} ELSE ${folded} END`
    }
    const test = ctx.bind([subject!.sql], (x) => {
      const bound: Val = { ...subject!, sql: x }
      if (isListLike(bound)) return `CASE WHEN ${x} IS NOT NULL THEN ${listTest(bound)} END`
      if (bound.type === 'text' || bound.type === 'id') return textTest(x)
      if (bound.type !== 'unknown') return 'NULL::boolean'
      return dynamic(x, listTest, textTest)
    })
    // A null caseSensitive (at run time) gives null, as in memory.
    return sensitive && !sensitive.notNull
      ? `CASE WHEN ${given} IS NOT NULL THEN ${test} END`
      : test
  })
  return { sql, type }
}

function dynamic(
  j: string,
  listTest: (list: Val) => string,
  textTest: (t: string) => string,
): string {
  {
    const list: Val = { sql: j, type: 'list', list: { kind: 'json' } }
    return (
      `CASE jsonb_typeof(${j}) WHEN 'array' THEN ${listTest(list)} ` +
      `WHEN 'string' THEN ${textTest(`(${j} #>> '{}')`)} END`
    )
  }
}

function size(ctx: Ctx, [list]: Val[], call: CallNode): Val {
  if (!maybeList(list!) || list!.type === 'null') return nullOf('number')
  if (arrayElem(list!) !== undefined) {
    return { sql: `cardinality(${list!.sql})::double precision`, type: 'number' }
  }
  const sql = withElements(ctx, list!, call, (els) =>
    guardList(els, 'NULL', `(${selectFrom(els, 'count(*)::double precision')})`),
  )
  return { sql, type: 'number' }
}

/** APPEND / PREPEND: the list with the values added (a typed array when the types allow). */
function extend(atEnd: boolean) {
  return eager((ctx, [list, ...values]) => {
    if (!maybeList(list!) || list!.type === 'null') return nullOf('list')
    const elem = arrayElem(list!)
    const types = new Set(values.map((v) => (v.type === 'id' ? 'text' : v.type)))
    types.delete('null')
    const [only] = [...types] as Val['type'][]
    const base = elem === 'id' ? 'text' : elem
    const target = base === 'null' ? only : base
    const typed = elem !== undefined && types.size <= 1 && (only === undefined || only === target)
    if (typed && (target === undefined || isScalar(target))) {
      const t = (target ?? 'null') as ScalarType | 'null'
      const type = pgType(t)
      const items = values.map((v) => (v.bigint ? `(${v.sql})::double precision` : v.sql))
      const added = `ARRAY[${items.join(', ')}]::${type}[]`
      const sql = ctx.bind([`(${list!.sql})::${type}[]`], (a) => {
        const joined = atEnd ? `${a} || ${added}` : `${added} || ${a}`
        return `CASE WHEN ${a} IS NULL THEN NULL ELSE ${joined} END`
      })
      return {
        sql,
        type: 'list',
        list: { kind: 'array', elem: elem === 'id' && t === 'text' ? 'id' : t },
      }
    }
    const added = `jsonb_build_array(${values.map((v) => toJson(ctx, v)).join(', ')})`
    const sql = ctx.bind([toJson(ctx, list!)], (j) => {
      const joined = atEnd ? `${j} || ${added}` : `${added} || ${j}`
      return `CASE WHEN jsonb_typeof(${j}) = 'array' THEN ${joined} END`
    })
    return { sql, type: 'list', list: { kind: 'json' } }
  })
}

/** The element at a 0-based index (truncated; negative from the end), else null. */
function at(ctx: Ctx, list: Val, index: string, call: CallNode): Val {
  if (!maybeList(list) || list.type === 'null') return nullOf('null')
  const elem = arrayElem(list)
  if (elem !== undefined) {
    const sql = ctx.bind([list.sql, `trunc(${index})`], (a, i) => {
      const position = `CASE WHEN ${i} < 0 THEN cardinality(${a}) + ${i} + 1 ELSE ${i} + 1 END`
      return `CASE WHEN abs(${i}) < 1e9 THEN (${a})[(${position})::int] END`
    })
    return { sql, type: elem === 'null' ? 'null' : elem }
  }
  if (list.list?.kind !== 'rel') {
    const sql = ctx.bind([list.sql, `trunc(${index})`], (j, i) => {
      const ok = `jsonb_typeof(${j}) = 'array' AND abs(${i}) < 1e9`
      return `CASE WHEN ${ok} THEN nullif(${j} -> (${i})::int, 'null'::jsonb) END`
    })
    return { sql, type: 'unknown' }
  }
  const sql = ctx.bind([`trunc(${index})`], (i) =>
    withElements(ctx, list, call, (els) => {
      const rows = numbered(ctx, els)
      const wanted = `CASE WHEN ${i} < 0 THEN ${rows.c} + ${i} + 1 ELSE ${i} + 1 END`
      return `(${selectFrom(rows, rows.value.sql, [`${rows.n} = ${wanted}`])})`
    }),
  )
  return { sql, type: 'object' }
}

/** SLICE(list, start[, n]): up to n elements from start (negative from the end). */
function slice(ctx: Ctx, [list, start, count]: Val[], call: CallNode): Val {
  if (!maybeList(list!) || list!.type === 'null') return nullOf('list')
  const from = `trunc(${numberArg(ctx, start!).sql})`
  const n = count ? `trunc(${numberArg(ctx, count).sql})` : '1::double precision'
  let repr = collectedRepr({ sql: '', type: 'null' })
  const sql = ctx.bind([from, n], (f, c) =>
    withElements(ctx, list!, call, (els) => {
      const rows = numbered(ctx, els)
      const first = `CASE WHEN ${f} < 0 THEN greatest(${rows.c} + ${f}, 0) ELSE ${f} END`
      const keep = [`${rows.n} > ${first}`, ...(count ? [`${rows.n} <= ${first} + ${c}`] : [])]
      const result = collect(ctx, rows, rows.value, keep)
      repr = result.list!
      const empty = repr.kind === 'array' ? `'{}'::${pgType(repr.elem)}[]` : `'[]'::jsonb`
      return (
        `CASE WHEN ${f} IS NULL OR ${c} IS NULL THEN NULL WHEN ${c} <= 0 THEN ` +
        `CASE WHEN ${els.isNull} THEN NULL ELSE ${empty} END ELSE ${result.sql} END`
      )
    }),
  )
  return { sql, type: 'list', list: repr }
}

/** SIZE, APPEND, PREPEND, FIRST, LAST, AT, SLICE, IN. */
export const LIST_FUNCTIONS: SqlFunctionTable = {
  IN: eager((ctx, [list, value], call) => inList(ctx, list!, value!, call)),
  SIZE: eager(size),
  APPEND: extend(true),
  PREPEND: extend(false),
  FIRST: eager((ctx, [list], call) => at(ctx, list!, '0', call)),
  LAST: eager((ctx, [list], call) => at(ctx, list!, '-1', call)),
  AT: eager((ctx, [list, index], call) => at(ctx, list!, numberArg(ctx, index!).sql, call)),
  SLICE: eager(slice),
}
