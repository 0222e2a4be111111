import { fail } from '../../../tools/errors.js'
import { modelOf, PREPARE } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import { parseCached } from '../expressions/parse/parse-cached.js'
import { compileCondition, compileValue } from '../expressions/sql/compile.js'
import type { CompiledSql, SqlScope } from '../expressions/sql/sql-types.js'
import type { ValueType } from '../model-types.js'
import { QUERY_LIMITS } from '../query/query-input.js'
import type { QueryInput } from '../query/query-input.js'
import { queryBase } from '../query/select.js'

/** The aggregate types of a computation (protocol §3.3). */
export const COMPUTATION_TYPES = ['count', 'countif', 'sum', 'avg', 'min', 'max'] as const

/** One computation of `compute`. */
export interface ComputationInput {
  readonly name: string
  readonly type: (typeof COMPUTATION_TYPES)[number]
  readonly expression?: string | null
  readonly sort?: 'none' | 'asc' | 'desc' | null
}

const ORDERED = new Set<ValueType>(['number', 'date', 'text', 'id'])

interface Column {
  readonly sql: string
  readonly type: ValueType
}

/**
 * `compute`: groups the matching objects (by fields, by an expression, or all in one group)
 * and answers one row per group: `{groupby: {...}, <name>: <value>, ...}`, sorted by the
 * computations that ask for it, paged when the query has a page or limit.
 */
export async function compute(
  context: DataContext,
  modelName: string,
  query: QueryInput,
  computations: readonly ComputationInput[],
): Promise<Record<string, unknown>[]> {
  if (computations.length === 0)
    throw fail('invalid_query', 'compute needs at least one computation')
  const model = modelOf(context, modelName)
  const base = queryBase(context, model, query)
  const scope: SqlScope = { ...base.scope, purpose: 'group' }
  const groups = groupColumns(query.group, scope, base.params)
  const aggregates = computations.map((c) =>
    aggregate(c, { ...scope, purpose: 'compute' }, base.params),
  )
  const names = new Set<string>()
  for (const c of computations) {
    if (names.has(c.name) || c.name === 'groupby')
      throw fail('invalid_query', `computation name '${c.name}' is used twice or reserved`)
    names.add(c.name)
  }
  const select = [
    ...groups.map((g, i) => `${g.column.sql} AS g${i}`),
    ...aggregates.map((a, i) => `${a.sql} AS c${i}`),
  ]
  const groupBy = groups.length
    ? `GROUP BY ${groups.map((_, i) => i + 1).join(', ')}`
    : 'GROUP BY () HAVING count(*) > 0'
  const order = computations
    .map((c, i) =>
      c.sort === 'asc' || c.sort === 'desc'
        ? `c${i} ${c.sort.toUpperCase()} NULLS LAST`
        : undefined,
    )
    .filter(Boolean)
  const { limit, offset } = groupPage(query)
  const sql = `SELECT ${select.join(', ')} ${base.from} ${groupBy}${order.length ? ` ORDER BY ${order.join(', ')}` : ''} LIMIT ${limit} OFFSET ${offset}`
  const rows = await context.db.query(sql, base.params.values, PREPARE)
  return rows.map((row) => {
    const groupby: Record<string, unknown> = {}
    if (groups.length === 0) groupby.group = null
    groups.forEach((g, i) => (groupby[g.key] = jsonValue(row[`g${i}`], g.column.type)))
    const result: Record<string, unknown> = { groupby }
    computations.forEach(
      (c, i) => (result[c.name] = jsonValue(row[`c${i}`], aggregates[i]?.type ?? 'unknown')),
    )
    return result
  })
}

function groupColumns(
  group: QueryInput['group'],
  scope: SqlScope,
  params: Parameters<typeof compileValue>[2],
): { key: string; column: CompiledSql }[] {
  if (group === null || group === undefined) return []
  if (typeof group === 'string')
    return [{ key: 'group', column: compileValue(parseCached(group), scope, params) }]
  if (group.length > QUERY_LIMITS.maxSortFields)
    throw fail('invalid_query', 'too many group fields')
  return group.map((field) => ({
    key: field,
    column: compileValue(parseCached(field), scope, params),
  }))
}

function aggregate(
  c: ComputationInput,
  scope: SqlScope,
  params: Parameters<typeof compileValue>[2],
): Column {
  if (c.type === 'count') return { sql: 'count(*)', type: 'number' }
  if (!c.expression)
    throw fail('invalid_query', `computation '${c.name}' of type ${c.type} needs an expression`)
  const ast = parseCached(c.expression)
  if (c.type === 'countif')
    return {
      sql: `count(*) FILTER (WHERE ${compileCondition(ast, scope, params)})`,
      type: 'number',
    }
  const value = compileValue(ast, scope, params)
  if (
    (c.type === 'sum' || c.type === 'avg') &&
    value.type !== 'number' &&
    value.type !== 'unknown'
  ) {
    throw fail(
      'expression_type_error',
      `computation '${c.name}': ${c.type} needs a number, not ${value.type}`,
    )
  }
  if ((c.type === 'min' || c.type === 'max') && !ORDERED.has(value.type)) {
    throw fail(
      'expression_type_error',
      `computation '${c.name}': ${c.type} needs a number, date or text, not ${value.type}`,
    )
  }
  if (c.type === 'sum') return { sql: `coalesce(sum(${value.sql}), 0)`, type: 'number' }
  if (c.type === 'avg') return { sql: `avg(${value.sql})`, type: 'number' }
  return { sql: `${c.type}(${value.sql})`, type: value.type }
}

/** Groups are paged only when the query asks; otherwise the first 1,000 come back. */
function groupPage(query: QueryInput): { limit: number; offset: number } {
  const limit = query.limit ?? QUERY_LIMITS.maxPageSize
  const page = query.page ?? 1
  if (!Number.isInteger(limit) || limit < 1 || limit > QUERY_LIMITS.maxPageSize) {
    throw fail(
      'invalid_query',
      `limit must be a whole number from 1 to ${QUERY_LIMITS.maxPageSize}`,
    )
  }
  if (!Number.isInteger(page) || page < 1)
    throw fail('invalid_query', 'page must be a whole number from 1')
  return { limit, offset: (page - 1) * limit }
}

/** A value from the driver as JSON: numbers from numeric text, dates as ISO text. */
function jsonValue(value: unknown, type: ValueType): unknown {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (type === 'number' && typeof value === 'string') return Number(value)
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && type === 'unknown')
    return Number(value)
  return value
}
