import { fail } from '../../../tools/errors.js'
import { modelOf, writeContextOf } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { ResolvedModel } from '../model-types.js'
import { checkCreateAccess } from '../query/access.js'
import { QUERY_LIMITS } from '../query/query-input.js'
import { insertOneReturning, insertRows } from '../write/insert-rows.js'
import { rowJson } from '../expressions/sql/row-json.js'
import { revealObjects } from '../query/reveal.js'
import { prepareCreate } from '../write/prepare-object.js'
import type { PreparedRow } from '../write/prepare-object.js'
import { mapWriteError } from '../write/write-errors.js'
import { readObjects } from './read-objects.js'

/**
 * `create` and `object/create`: one object or a batch of top-level objects, with their
 * sub-objects. A batch is all-or-nothing: one invalid object and none is created. Answers the
 * created objects as stored (without the omitted fields).
 */
export async function createObjects(
  context: DataContext,
  modelName: string,
  values: unknown,
  omit: readonly string[] | null = null,
): Promise<unknown> {
  const model = modelOf(context, modelName)
  if (model.kind !== 'top') {
    throw fail(
      'invalid_query',
      `'${model.name}' is a sub-model: use set or append with the parent's id`,
      {
        model: model.name,
      },
    )
  }
  const batch = Array.isArray(values)
  const inputs: unknown[] = batch ? values : [values]
  if (inputs.length > QUERY_LIMITS.maxBatch) {
    throw fail('invalid_query', `a batch may create at most ${QUERY_LIMITS.maxBatch} objects`)
  }
  if (inputs.length === 0) return []
  const write = writeContextOf(context)
  const rows: PreparedRow[] = inputs.map((input, i) =>
    prepareCreate(model, input, write, batch ? String(i) : ''),
  )
  for (const row of rows) checkCreateAccess(context, model, row.view)
  const created = await insertAndRead(context, model, rows, omit).catch((error: unknown) => {
    throw mapWriteError(error, context.catalog)
  })
  return batch ? created : created[0]
}

/**
 * Inserts the rows and reads them back as stored. One object without sub-objects is one INSERT
 * (atomic by itself: no transaction), answering its document in the same statement unless
 * fields are omitted; anything else is a transaction of INSERTs and a read.
 */
async function insertAndRead(
  context: DataContext,
  model: ResolvedModel,
  rows: readonly PreparedRow[],
  omit: readonly string[] | null,
): Promise<unknown[]> {
  const ids = rows.map((row) => row.id)
  if (isSingleRow(rows) && !omit?.length) {
    const document = await insertOneReturning(
      context.db,
      rows[0]!,
      rowJson(model, 't', context.catalog),
    )
    return revealObjects(model, [document], context.cipher)
  }
  if (isSingleRow(rows)) {
    await insertRows(context.db, rows)
    return readObjects(context, model, ids, omit)
  }
  return context.db.transaction(async (tx) => {
    await insertRows(tx, rows)
    return readObjects({ ...context, db: tx }, model, ids, omit)
  })
}

/** One object without sub-objects: a single INSERT statement. */
function isSingleRow(rows: readonly PreparedRow[]): boolean {
  return rows.length === 1 && [...rows[0]!.children.values()].every((list) => list.length === 0)
}
