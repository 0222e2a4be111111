import { modelOf, writeContextOf } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { ResolvedModel } from '../model-types.js'
import type { QueryInput } from '../query/query-input.js'
import { queryBase } from '../query/select.js'
import type { QueryBase } from '../query/select.js'
import { toSqlParam } from '../write/insert-rows.js'
import { prepareUpdate } from '../write/prepare-update.js'
import { runUpdate } from '../write/run-update.js'
import type { RowChange } from '../write/run-update.js'

/** `update`: sets the given fields on every object the filter matches. */
export async function updateObjects(
  context: DataContext,
  modelName: string,
  query: QueryInput,
  values: unknown,
): Promise<{ totalMatch: number; updated: number }> {
  const model = modelOf(context, modelName)
  const base = queryBase(context, model, query, 'update')
  const ids = await runUpdate(context, base, valuesChange(context, model, base, values))
  return { totalMatch: ids.length, updated: ids.length }
}

/** The change that sets `values` (checked) on the rows of a query. */
export function valuesChange(
  context: DataContext,
  model: ResolvedModel,
  base: QueryBase,
  values: unknown,
): RowChange {
  const write = writeContextOf(context)
  const prepared = prepareUpdate(model, values, write)
  const sets = [...prepared.values].map(
    ([field, value]) =>
      `"${field.column as string}" = ${base.params.add(toSqlParam(field, value))}`,
  )
  return { sets, computed: [], children: prepared.children, subObjects: new Map() }
}
