import { modelOf } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { QueryInput } from '../query/query-input.js'
import { queryBase, ROW, whereClause } from '../query/select.js'
import { tableName } from '../write/insert-rows.js'

/**
 * `delete`: removes every object the filter matches, with their sub-objects (ON DELETE
 * CASCADE). References to them are left as they are: lookups of a gone object find nothing.
 */
export async function deleteObjects(
  context: DataContext,
  modelName: string,
  query: QueryInput,
): Promise<{ totalMatch: number; deleted: number }> {
  const model = modelOf(context, modelName)
  const base = queryBase(context, model, query, 'delete')
  const sql = `DELETE FROM ${tableName(model)} ${ROW}${whereClause(base)} RETURNING ${ROW}."_id"`
  const rows = await context.db.query(sql, base.params.values)
  return { totalMatch: rows.length, deleted: rows.length }
}
