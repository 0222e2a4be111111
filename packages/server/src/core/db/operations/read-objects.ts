import type { Queryable } from '../../../adapters/database/database.js'
import type { DataContext } from '../data-context.js'
import { rowJson } from '../expressions/sql/row-json.js'
import { SqlParams } from '../expressions/sql/sql-types.js'
import type { ResolvedModel } from '../model-types.js'
import { tableName } from '../write/insert-rows.js'
import { revealObjects } from '../query/reveal.js'
import { PREPARE } from '../data-context.js'

/**
 * The objects with these ids as clients see them, in the order of the ids (after a write; no
 * access rule: the write itself was checked).
 */
export async function readObjects(
  context: Pick<DataContext, 'catalog' | 'cipher'> & { db: Queryable },
  model: ResolvedModel,
  ids: readonly string[],
  omit: readonly string[] | null = null,
): Promise<unknown[]> {
  const params = new SqlParams()
  let document = rowJson(model, 't', context.catalog)
  for (const path of omit ?? [])
    document = `(${document} #- ${params.add(path.split('.'))}::text[])`
  const idList = params.add(ids)
  const sql = `SELECT ${document} AS doc FROM ${tableName(model)} t WHERE t."_id" = ANY(${idList}::text[]) ORDER BY array_position(${idList}::text[], t."_id")`
  const rows = await context.db.query<{ doc: unknown }>(sql, params.values, PREPARE)
  return revealObjects(
    model,
    rows.map((row) => row.doc),
    context.cipher,
  )
}
