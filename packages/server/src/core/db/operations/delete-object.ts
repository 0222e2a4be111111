import { modelOf } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import { rootIdOf, rootOf } from '../query/access.js'
import { EMPTY_QUERY } from '../query/query-input.js'
import { queryBase, ROW, whereClause } from '../query/select.js'
import { tableName } from '../write/insert-rows.js'
import { checkId } from './get-object.js'
import { readObjects } from './read-objects.js'
import { notFound } from './update-object.js'

/**
 * `object/delete`: removes one object, or one sub-object from its parent. Answers null, or the
 * updated top-level object of a sub-object when `returnTop`.
 */
export async function deleteObject(
  context: DataContext,
  modelName: string,
  id: unknown,
  returnTop: boolean,
): Promise<unknown> {
  const model = modelOf(context, modelName)
  const objectId = checkId(id)
  const base = queryBase(context, model, EMPTY_QUERY, 'delete')
  const idParam = base.params.add(objectId)
  const root = model.kind === 'top' ? 'NULL' : rootIdOf(model, ROW)
  const sql = `DELETE FROM ${tableName(model)} ${ROW}${whereClause(base, `${ROW}."_id" = ${idParam}`)} RETURNING ${root} AS root`
  const rows = await context.db.query<{ root: string | null }>(sql, base.params.values)
  if (rows.length === 0) throw notFound(model, objectId)
  const rootId = rows[0]?.root
  if (!returnTop || !rootId) return null
  return (await readObjects(context, rootOf(model), [rootId]))[0] ?? null
}
