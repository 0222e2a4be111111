import { fail } from '../../../tools/errors.js'
import { isObjectId } from '../../../tools/ids.js'
import { modelOf, PREPARE } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import { EMPTY_QUERY } from '../query/query-input.js'
import type { LookupInput } from '../query/query-input.js'
import { documentSql, fromWhere, queryBase, ROW } from '../query/select.js'
import { revealObjects } from '../query/reveal.js'

/** `object/get`: the object (or sub-object) with this id, with its lookups; null if none. */
export async function getObject(
  context: DataContext,
  modelName: string,
  id: unknown,
  lookups: readonly LookupInput[] | null,
): Promise<unknown> {
  const model = modelOf(context, modelName)
  const objectId = checkId(id)
  const base = queryBase(context, model, { ...EMPTY_QUERY, lookups })
  const document = documentSql(context, base, null)
  const idParam = base.params.add(objectId)
  const sql = `SELECT ${document} AS doc ${fromWhere(base, `${ROW}."_id" = ${idParam}`)}`
  const rows = await context.db.query<{ doc: unknown }>(sql, base.params.values, PREPARE)
  return (
    revealObjects(
      model,
      rows.map((row) => row.doc),
      context.cipher,
      base.lookups,
    )[0] ?? null
  )
}

/** A 24-hex id (lower-cased), or `invalid_object_id`. */
export function checkId(id: unknown, name = 'id'): string {
  if (typeof id === 'string' && isObjectId(id.toLowerCase())) return id.toLowerCase()
  if (id === undefined || id === null) {
    throw fail('invalid_object_id', `${name} is required: a 24-character hexadecimal id`, {
      [name]: id ?? null,
    })
  }
  throw fail('invalid_object_id', `${name} must be a 24-character hexadecimal id`, { [name]: id })
}
