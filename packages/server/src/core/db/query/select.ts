import { fail } from '../../../tools/errors.js'
import { callerUserId } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import { parseCached } from '../expressions/parse/parse-cached.js'
import { compileValue } from '../expressions/sql/compile.js'
import { rowJson } from '../expressions/sql/row-json.js'
import { SqlParams } from '../expressions/sql/sql-types.js'
import type { QueryLookup, SqlScope } from '../expressions/sql/sql-types.js'
import type { ResolvedModel } from '../model-types.js'
import { tableName } from '../write/insert-rows.js'
import { accessCondition, readAccessHook } from './access.js'
import { cachedSql, modelKey } from './compiled-cache.js'
import { filterSql } from './filter-sql.js'
import type { AccessOperation } from './access.js'
import { resolveLookups, withLookups } from './lookups.js'
import { QUERY_LIMITS } from './query-input.js'
import type { QueryInput } from './query-input.js'

/** The alias of the queried model's rows in every statement. */
export const ROW = 't'

/** The FROM and WHERE of a query: its rows, filtered and held to the access rule. */
export interface QueryBase {
  readonly model: ResolvedModel
  readonly lookups: ReadonlyMap<string, QueryLookup>
  readonly scope: SqlScope
  readonly params: SqlParams
  /** `FROM ... WHERE ...` */
  readonly from: string
  /** The WHERE conditions (filter and access rule), for statements that add their own. */
  readonly conditions: readonly string[]
  readonly context: DataContext
  /** What compiled expressions of this query are cached under: model, caller kind, lookups. */
  readonly cacheKey: string
}

/** `FROM <table> t WHERE ...` with the query's conditions and more. */
export function fromWhere(base: QueryBase, ...more: string[]): string {
  return `FROM ${tableName(base.model)} ${ROW}${whereClause(base, ...more)}`
}

/** ` WHERE ...` with the query's conditions and more; empty when there are none. */
export function whereClause(base: QueryBase, ...more: string[]): string {
  const all = [...base.conditions, ...more]
  return all.length ? ` WHERE ${all.join(' AND ')}` : ''
}

/** Resolves lookups, compiles the filter and the access rule into `FROM ... WHERE ...`. */
export function queryBase(
  context: DataContext,
  model: ResolvedModel,
  query: QueryInput,
  operation: Exclude<AccessOperation, 'create'> = 'read',
  params = new SqlParams(),
): QueryBase {
  const lookups = resolveLookups(context, model, query.lookups)
  const scope: SqlScope = {
    catalog: context.catalog,
    model,
    alias: ROW,
    lookups,
    session: { userId: callerUserId(context) },
    readAccess: readAccessHook(context, params),
    purpose: 'filter',
  }
  const conditions = [accessCondition(context, model, operation, ROW, params)]
  const cacheKey = `${modelKey(model)}\u0000${context.caller.kind}\u0000${JSON.stringify(query.lookups)}`
  const expression = query.expression
  if (expression !== null && expression.trim() !== '') {
    // Cached per model, caller kind, lookups and shape: apps send the same filters again.
    conditions.push(filterSql(context, scope, cacheKey, expression, params))
  }
  const where = conditions.filter((c) => c !== 'TRUE')
  const from = `FROM ${tableName(model)} ${ROW}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`
  return { model, lookups, scope, params, from, conditions: where, context, cacheKey }
}

/** The jsonb of each row as the client gets it: lookups merged, omitted paths removed. */
export function documentSql(
  context: DataContext,
  base: QueryBase,
  omit: readonly string[] | null,
): string {
  let sql = withLookups(
    context,
    base.model,
    ROW,
    rowJson(base.model, ROW, context.catalog),
    base.lookups,
    base.params,
  )
  for (const path of omit ?? []) {
    if (typeof path !== 'string' || path === '')
      throw fail('invalid_query', 'omit takes field names')
    sql = `(${sql} #- ${base.params.add(path.split('.'))}::text[])`
  }
  return sql
}

/** `ORDER BY` for the query's sort keys, then `_id` so that pages are stable. */
export function orderSql(base: QueryBase, query: QueryInput): string {
  const sort = query.sort ?? []
  if (sort.length > QUERY_LIMITS.maxSortFields) {
    throw fail('invalid_query', `a query may sort by at most ${QUERY_LIMITS.maxSortFields} fields`)
  }
  const { context } = base
  const keys = sort.map(({ field, direction }) => {
    // Cached like filters: a sort key is compiled once per model, caller kind and lookups.
    const key = `sort\u0000${base.cacheKey}\u0000${String(field)}`
    const sql = cachedSql(key, callerUserId(context), base.params, (own, userId) => {
      const scope = { ...base.scope, session: { userId }, purpose: 'sort' as const }
      return compileValue(
        parseCached(field),
        { ...scope, readAccess: readAccessHook(context, own, userId) },
        own,
      ).sql
    })
    return direction === 'desc' ? `${sql} DESC NULLS LAST` : `${sql} ASC NULLS FIRST`
  })
  keys.push(`${ROW}."_id"`)
  return `ORDER BY ${keys.join(', ')}`
}

/** The page of a query: `{limit, offset, page}` within the named limits. */
export function pageOf(query: QueryInput): { limit: number; offset: number; page: number } {
  const limit = query.limit ?? QUERY_LIMITS.defaultPageSize
  const page = query.page ?? 1
  if (!Number.isInteger(limit) || limit < 1 || limit > QUERY_LIMITS.maxPageSize) {
    throw fail(
      'invalid_query',
      `limit must be a whole number from 1 to ${QUERY_LIMITS.maxPageSize}`,
      { limit },
    )
  }
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000) {
    throw fail('invalid_query', 'page must be a whole number from 1', { page })
  }
  return { limit, offset: (page - 1) * limit, page }
}
