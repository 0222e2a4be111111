import { modelOf, PREPARE } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { QueryInput } from '../query/query-input.js'
import { documentSql, orderSql, queryBase } from '../query/select.js'
import { revealObjects } from '../query/reveal.js'

/** `get-single`: the first object matching the filter (in sort order), or null. */
export async function getSingle(
  context: DataContext,
  modelName: string,
  query: QueryInput,
): Promise<unknown> {
  const base = queryBase(context, modelOf(context, modelName), query)
  const document = documentSql(context, base, query.omit)
  const sql = `SELECT ${document} AS doc ${base.from} ${orderSql(base, query)} LIMIT 1`
  const rows = await context.db.query<{ doc: unknown }>(sql, base.params.values, PREPARE)
  return (
    revealObjects(
      base.model,
      rows.map((row) => row.doc),
      context.cipher,
      base.lookups,
    )[0] ?? null
  )
}
