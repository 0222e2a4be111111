import { fail } from '../../../tools/errors.js'
import { modelOf, writeContextOf } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { QueryInput } from '../query/query-input.js'
import { queryBase } from '../query/select.js'
import { fieldUpdatesChange } from '../write/field-updates.js'
import type { FieldUpdateInput } from '../write/field-updates.js'
import { runUpdate } from '../write/run-update.js'
import { changeObject } from './update-object.js'

/** `update-fields`: applies field updates (§3.3) to every object the filter matches. */
export async function updateFields(
  context: DataContext,
  modelName: string,
  query: QueryInput,
  updates: readonly FieldUpdateInput[],
): Promise<{ totalMatch: number; updated: number }> {
  checkUpdates(updates)
  const model = modelOf(context, modelName)
  const base = queryBase(context, model, query, 'update')
  const ids = await runUpdate(
    context,
    base,
    fieldUpdatesChange(model, updates, base.params, writeContextOf(context)),
  )
  return { totalMatch: ids.length, updated: ids.length }
}

/** `object/update-fields`: field updates on one object; answers it (or its top object). */
export async function updateObjectFields(
  context: DataContext,
  modelName: string,
  id: unknown,
  updates: readonly FieldUpdateInput[],
  returnTop: boolean,
): Promise<unknown> {
  checkUpdates(updates)
  return changeObject(context, modelName, id, returnTop, (model, base) =>
    fieldUpdatesChange(model, updates, base.params, writeContextOf(context)),
  )
}

function checkUpdates(updates: readonly FieldUpdateInput[]): void {
  if (updates.length === 0)
    throw fail('invalid_query', 'updates is empty: give at least one field update')
}
