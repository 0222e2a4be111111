import { fail } from '../../../tools/errors.js'
import { modelOf } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { ResolvedModel } from '../model-types.js'
import { rootIdOf, rootOf } from '../query/access.js'
import { EMPTY_QUERY } from '../query/query-input.js'
import { queryBase, ROW } from '../query/select.js'
import type { QueryBase } from '../query/select.js'
import { tableName } from '../write/insert-rows.js'
import { runUpdate } from '../write/run-update.js'
import type { RowChange } from '../write/run-update.js'
import { checkId } from './get-object.js'
import { readObjects } from './read-objects.js'
import { valuesChange } from './update-objects.js'

/** `object/update`: sets fields of one object or sub-object; answers it (or its top object). */
export async function updateObject(
  context: DataContext,
  modelName: string,
  id: unknown,
  values: unknown,
  returnTop: boolean,
): Promise<unknown> {
  return changeObject(context, modelName, id, returnTop, (model, base) =>
    valuesChange(context, model, base, values),
  )
}

/** Applies one change to the object with this id and answers it, or `object_not_found`. */
export async function changeObject(
  context: DataContext,
  modelName: string,
  id: unknown,
  returnTop: boolean,
  makeChange: (model: ResolvedModel, base: QueryBase) => RowChange,
): Promise<unknown> {
  const model = modelOf(context, modelName)
  const objectId = checkId(id)
  const base = queryBase(context, model, EMPTY_QUERY, 'update')
  const scoped = {
    ...base,
    conditions: [...base.conditions, `${ROW}."_id" = ${base.params.add(objectId)}`],
  }
  const ids = await runUpdate(context, scoped, makeChange(model, scoped))
  if (ids.length === 0) throw notFound(model, objectId)
  return answerFor(context, model, objectId, returnTop)
}

/** The object after a change, or its top-level object when asked (and it is a sub-object). */
export async function answerFor(
  context: DataContext,
  model: ResolvedModel,
  id: string,
  returnTop: boolean,
): Promise<unknown> {
  if (!returnTop || model.kind === 'top')
    return (await readObjects(context, model, [id]))[0] ?? null
  const root = rootOf(model)
  const rows = await context.db.query<{ root: string }>(
    `SELECT ${rootIdOf(model, ROW)} AS root FROM ${tableName(model)} ${ROW} WHERE ${ROW}."_id" = $1`,
    [id],
  )
  const rootId = rows[0]?.root
  return rootId ? ((await readObjects(context, root, [rootId]))[0] ?? null) : null
}

/** `object_not_found` for an id of a model. */
export function notFound(model: ResolvedModel, id: string): Error {
  return fail('object_not_found', `no object of '${model.name}' has the id ${id}`, {
    model: model.name,
    id,
  })
}
