import type { Queryable } from '../../../adapters/database/database.js'
import { fail } from '../../../tools/errors.js'
import { modelOf, writeContextOf } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { ResolvedModel } from '../model-types.js'
import { EMPTY_QUERY, QUERY_LIMITS } from '../query/query-input.js'
import { fromWhere, queryBase, ROW } from '../query/select.js'
import { insertRows, tableName } from '../write/insert-rows.js'
import { prepareCreate } from '../write/prepare-object.js'
import { mapWriteError } from '../write/write-errors.js'
import { checkId } from './get-object.js'
import { readObjects } from './read-objects.js'
import { answerFor, notFound } from './update-object.js'

/**
 * `set`: writes the `object` sub-object of a parent, replacing the one it had. Answers the new
 * sub-object, or the top-level object when `returnTop`.
 */
export async function setSubObject(
  context: DataContext,
  modelName: string,
  values: unknown,
  parentId: unknown,
  returnTop: boolean,
): Promise<unknown> {
  const model = subModelOf(context, modelName, 'object', 'set')
  const parent = checkId(parentId, 'parentId')
  const [row] = prepareRows(context, model, [values])
  if (!row) return null
  return writeUnder(context, model, parent, returnTop, [row.id], async (tx) => {
    await tx.query(`DELETE FROM ${tableName(model)} WHERE "_parent" = $1`, [parent])
    await insertRows(tx, [row], { id: parent, firstPos: 0 })
  }).then((answer) => (Array.isArray(answer) ? answer[0] : answer))
}

/**
 * `append`: adds one or more objects at the end of an `object-list` of a parent. Answers the
 * appended object(s), or the top-level object when `returnTop`.
 */
export async function appendSubObjects(
  context: DataContext,
  modelName: string,
  values: unknown,
  parentId: unknown,
  returnTop: boolean,
): Promise<unknown> {
  const model = subModelOf(context, modelName, 'object-list', 'append')
  const parent = checkId(parentId, 'parentId')
  const batch = Array.isArray(values)
  const inputs: unknown[] = batch ? values : [values]
  if (inputs.length === 0 || inputs.length > QUERY_LIMITS.maxBatch) {
    throw fail('invalid_query', `append takes 1 to ${QUERY_LIMITS.maxBatch} objects`)
  }
  const rows = prepareRows(context, model, inputs)
  const answer = await writeUnder(
    context,
    model,
    parent,
    returnTop,
    rows.map((r) => r.id),
    async (tx) => {
      const [last] = await tx.query<{ pos: number | null }>(
        `SELECT max("_pos") AS pos FROM ${tableName(model)} WHERE "_parent" = $1`,
        [parent],
      )
      await insertRows(tx, rows, { id: parent, firstPos: (last?.pos ?? -1) + 1 })
    },
  )
  return batch || returnTop || !Array.isArray(answer) ? answer : answer[0]
}

function subModelOf(
  context: DataContext,
  name: string,
  kind: 'object' | 'object-list',
  operation: string,
): ResolvedModel {
  const model = modelOf(context, name)
  if (model.kind === kind) return model
  const wanted = kind === 'object' ? 'an object' : 'an object-list'
  throw fail(
    'invalid_query',
    `${operation} needs ${wanted} sub-model; '${model.name}' is not one`,
    {
      model: model.name,
    },
  )
}

function prepareRows(context: DataContext, model: ResolvedModel, inputs: unknown[]) {
  const write = writeContextOf(context)
  return inputs.map((input, i) =>
    prepareCreate(model, input, write, inputs.length > 1 ? String(i) : ''),
  )
}

/**
 * Runs a write under a parent the caller may update (the parent row is locked), then answers
 * the written rows, or the top-level object.
 */
async function writeUnder(
  context: DataContext,
  model: ResolvedModel,
  parentId: string,
  returnTop: boolean,
  ids: string[],
  write: (tx: Queryable) => Promise<void>,
): Promise<unknown> {
  const parentModel = model.parent as ResolvedModel
  const base = queryBase(context, parentModel, EMPTY_QUERY, 'update')
  const lock = `SELECT 1 ${fromWhere(base, `${ROW}."_id" = ${base.params.add(parentId)}`)} FOR UPDATE OF ${ROW}`
  try {
    await context.db.transaction(async (tx) => {
      const found = await tx.query(lock, base.params.values)
      if (found.length === 0) throw notFound(parentModel, parentId)
      await write(tx)
    })
  } catch (error) {
    throw mapWriteError(error, context.catalog)
  }
  if (returnTop) return answerFor(context, model, ids[0] as string, true)
  return readObjects(context, model, ids)
}
