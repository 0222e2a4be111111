import { fail } from '../../../tools/errors.js'
import { modelOf, PREPARE } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import { QUERY_LIMITS } from '../query/query-input.js'
import type { QueryInput } from '../query/query-input.js'
import { documentSql, queryBase } from '../query/select.js'
import { revealObjects } from '../query/reveal.js'

/** `get-random`: up to `count` objects drawn at random from those matching the filter. */
export async function getRandom(
  context: DataContext,
  modelName: string,
  query: QueryInput,
  count: number,
): Promise<unknown[]> {
  if (!Number.isInteger(count) || count < 1 || count > QUERY_LIMITS.maxRandom) {
    throw fail(
      'invalid_query',
      `count must be a whole number from 1 to ${QUERY_LIMITS.maxRandom}`,
      { count },
    )
  }
  const base = queryBase(context, modelOf(context, modelName), query)
  const document = documentSql(context, base, query.omit)
  const sql = `SELECT ${document} AS doc ${base.from} ORDER BY random() LIMIT ${count}`
  const rows = await context.db.query<{ doc: unknown }>(sql, base.params.values, PREPARE)
  return revealObjects(
    base.model,
    rows.map((row) => row.doc),
    context.cipher,
    base.lookups,
  )
}
