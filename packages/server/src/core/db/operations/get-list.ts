import { modelOf, PREPARE } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { QueryInput } from '../query/query-input.js'
import { documentSql, orderSql, pageOf, queryBase } from '../query/select.js'
import { revealObjects } from '../query/reveal.js'

/** The `info` of a list answered with count information. */
export interface CountInfo {
  readonly count: number
  readonly totalPages: number
  readonly currentPage: number
  readonly pageSize: number
}

/**
 * `get-list`: one page of the model's objects matching the filter, sorted, with lookups and
 * omitted fields; with `returnCountInfo`, `{info, data}` (one round trip unless the page is
 * past the end).
 */
export async function getList(
  context: DataContext,
  modelName: string,
  query: QueryInput,
  returnCountInfo: boolean,
): Promise<unknown> {
  const base = queryBase(context, modelOf(context, modelName), query)
  const document = documentSql(context, base, query.omit)
  const { limit, offset, page } = pageOf(query)
  const total = returnCountInfo ? ', count(*) OVER () AS total' : ''
  const sql = `SELECT ${document} AS doc${total} ${base.from} ${orderSql(base, query)} LIMIT ${limit} OFFSET ${offset}`
  const rows = await context.db.query<{ doc: unknown; total?: string }>(
    sql,
    base.params.values,
    PREPARE,
  )
  const data = revealObjects(
    base.model,
    rows.map((row) => row.doc),
    context.cipher,
    base.lookups,
  )
  if (!returnCountInfo) return data
  const count =
    rows[0]?.total !== undefined
      ? Number(rows[0].total)
      : await countAll(context, base.from, base.params.values)
  return {
    info: { count, totalPages: Math.ceil(count / limit), currentPage: page, pageSize: limit },
    data,
  }
}

/** How many rows match, when the page asked for is past the end. */
export async function countAll(
  context: DataContext,
  from: string,
  params: readonly unknown[],
): Promise<number> {
  const rows = await context.db.query<{ n: string }>(
    `SELECT count(*) AS n ${from}`,
    params,
    PREPARE,
  )
  return Number(rows[0]?.n ?? 0)
}
