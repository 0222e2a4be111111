import type { Queryable } from '../../../adapters/database/database.js'
import { writeContextOf } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { ResolvedField, ResolvedModel } from '../model-types.js'
import { readObjects } from '../operations/read-objects.js'
import { ROW, whereClause } from '../query/select.js'
import type { QueryBase } from '../query/select.js'
import { checkUpdatedObjects, needsCheck } from './check-updated.js'
import { insertRows, tableName } from './insert-rows.js'
import type { PreparedRow, WriteContext } from './prepare-object.js'
import { mapWriteError } from './write-errors.js'

/** One change to the matched objects, in SQL built on the query's parameters. */
export interface RowChange {
  /** `"column" = <sql>` assignments on the matched rows. */
  readonly sets: readonly string[]
  /** Fields whose new value SQL computes (their built-in rules are checked afterwards). */
  readonly computed: readonly ResolvedField[]
  /** Sub-model fields replaced whole, with their new rows per object. */
  readonly children: ReadonlyMap<ResolvedField, (write: WriteContext) => PreparedRow[]>
  /** Changes to `object` sub-objects of the matched rows: sub-model → assignments (own params). */
  readonly subObjects: ReadonlyMap<ResolvedModel, { sets: string[]; params: unknown[] }>
}

/**
 * Applies a change to every row the query matches and answers their ids. A plain change is one
 * UPDATE; sub-models, sub-object updates or rules that must see the result run it in one
 * transaction that rolls back when a rule fails.
 */
export async function runUpdate(
  context: DataContext,
  base: QueryBase,
  change: RowChange,
): Promise<string[]> {
  const model = base.model
  const write = writeContextOf(context)
  const sets = [...change.sets]
  if (model.timestamps) sets.push(`"updatedAt" = ${base.params.add(write.now)}`)
  if (sets.length === 0) sets.push(`"_id" = ${ROW}."_id"`)
  const sql = `UPDATE ${tableName(model)} ${ROW} SET ${sets.join(', ')}${whereClause(base)} RETURNING ${ROW}."_id"`
  const simple =
    change.children.size === 0 &&
    change.subObjects.size === 0 &&
    !needsCheck(model, change.computed)
  try {
    if (simple) return idsOf(await context.db.query<{ _id: string }>(sql, base.params.values))
    return await context.db.transaction(async (tx) => {
      const ids = idsOf(await tx.query<{ _id: string }>(sql, base.params.values))
      if (ids.length === 0) return ids
      await replaceChildren(tx, change, ids, write)
      await updateSubObjects(tx, change, ids)
      if (needsCheck(model, change.computed)) {
        const docs = await readObjects(
          { catalog: context.catalog, cipher: context.cipher, db: tx },
          model,
          ids,
        )
        checkUpdatedObjects(model, docs, change.computed, write)
      }
      return ids
    })
  } catch (error) {
    throw mapWriteError(error, context.catalog)
  }
}

async function replaceChildren(
  tx: Queryable,
  change: RowChange,
  ids: string[],
  write: WriteContext,
): Promise<void> {
  for (const [field, make] of change.children) {
    const sub = field.subModel as ResolvedModel
    await tx.query(`DELETE FROM ${tableName(sub)} WHERE "_parent" = ANY($1::text[])`, [ids])
    for (const id of ids) await insertRows(tx, make(write), { id, firstPos: 0 })
  }
}

async function updateSubObjects(tx: Queryable, change: RowChange, ids: string[]): Promise<void> {
  for (const [sub, { sets, params }] of change.subObjects) {
    const idParam = `$${params.length + 1}`
    await tx.query(
      `UPDATE ${tableName(sub)} SET ${sets.join(', ')} WHERE "_parent" = ANY(${idParam}::text[])`,
      [...params, ids],
    )
  }
}

function idsOf(rows: readonly { _id: string }[]): string[] {
  return rows.map((row) => row._id)
}
