import type { Queryable } from '../../../adapters/database/database.js'
import { APP_SCHEMA } from '../model-types.js'
import type { ResolvedField, ResolvedModel } from '../model-types.js'
import type { PreparedRow } from './prepare-object.js'

/** PostgreSQL takes at most 65,535 parameters per statement; stay well under. */
const MAX_PARAMS = 30_000

interface Placed {
  readonly row: PreparedRow
  readonly parentId: string | undefined
  readonly pos: number | undefined
}

/**
 * Inserts prepared rows and all their sub-objects: one multi-row INSERT per table and level,
 * parents before children. `parent` places top rows under an existing object (set, append).
 */
export async function insertRows(
  tx: Queryable,
  rows: readonly PreparedRow[],
  parent?: { readonly id: string; readonly firstPos: number },
): Promise<void> {
  let level: Placed[] = rows.map((row, i) => ({
    row,
    parentId: parent?.id,
    pos: parent && row.model.kind === 'object-list' ? parent.firstPos + i : undefined,
  }))
  while (level.length > 0) {
    for (const group of groupByModel(level)) await insertGroup(tx, group)
    level = level.flatMap(({ row }) =>
      [...row.children.values()].flatMap((children) =>
        children.map((child, i) => ({
          row: child,
          parentId: row.id,
          pos: child.model.kind === 'object-list' ? i : undefined,
        })),
      ),
    )
  }
}

function groupByModel(level: readonly Placed[]): Placed[][] {
  const groups = new Map<ResolvedModel, Placed[]>()
  for (const placed of level) {
    const group = groups.get(placed.row.model)
    if (group) group.push(placed)
    else groups.set(placed.row.model, [placed])
  }
  return [...groups.values()]
}

async function insertGroup(tx: Queryable, group: readonly Placed[]): Promise<void> {
  const model = group[0]?.row.model
  if (!model) return
  const fields = [...model.fields.values()].filter(
    (field) => field.column && group.some(({ row }) => row.values.has(field.name)),
  )
  const columns = ['_id', ...systemColumns(model), ...fields.map((f) => f.column as string)]
  const perRow = columns.length
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / perRow))
  for (let start = 0; start < group.length; start += chunk) {
    const params: unknown[] = []
    const tuples = group.slice(start, start + chunk).map((placed) => {
      const cells = [placed.row.id, ...systemValues(model, placed)].map((value) => {
        params.push(value)
        return `$${params.length}`
      })
      for (const field of fields) {
        if (!placed.row.values.has(field.name)) {
          cells.push('DEFAULT')
          continue
        }
        params.push(toSqlParam(field, placed.row.values.get(field.name)))
        cells.push(`$${params.length}`)
      }
      return `(${cells.join(', ')})`
    })
    const list = columns.map((column) => `"${column}"`).join(', ')
    await tx.query(`INSERT INTO ${tableName(model)} (${list}) VALUES ${tuples.join(', ')}`, params)
  }
}

function systemColumns(model: ResolvedModel): string[] {
  const columns: string[] = []
  if (model.kind !== 'top') columns.push('_parent')
  if (model.kind === 'object-list') columns.push('_pos')
  if (model.timestamps) columns.push('createdAt', 'updatedAt')
  return columns
}

function systemValues(model: ResolvedModel, placed: Placed): unknown[] {
  const values: unknown[] = []
  if (model.kind !== 'top') values.push(placed.parentId)
  if (model.kind === 'object-list') values.push(placed.pos ?? 0)
  if (model.timestamps) values.push(placed.row.view.createdAt, placed.row.view.updatedAt)
  return values
}

/** The table of a model, schema-qualified and quoted. */
export function tableName(model: ResolvedModel): string {
  return `"${APP_SCHEMA}"."${model.table}"`
}

/** A stored value as the `pg` driver should send it: JSON as text, the rest as is. */
export function toSqlParam(field: ResolvedField, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (field.type === 'json') return JSON.stringify(value)
  return value
}
