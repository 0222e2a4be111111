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
  const fields = insertedFields(model, group)
  const chunk = Math.max(
    1,
    Math.floor(MAX_PARAMS / (1 + systemColumns(model).length + fields.length)),
  )
  for (let start = 0; start < group.length; start += chunk) {
    const { sql, params } = insertStatement(model, fields, group.slice(start, start + chunk))
    await tx.query(sql, params)
  }
}

/**
 * Inserts one top-level row without sub-objects and answers `returning`, an expression over the
 * inserted row aliased `t` (its document): one statement, one round trip.
 */
export async function insertOneReturning(
  db: Queryable,
  row: PreparedRow,
  returning: string,
): Promise<unknown> {
  const group = [{ row, parentId: undefined, pos: undefined }]
  const { sql, params } = insertStatement(row.model, insertedFields(row.model, group), group, 't')
  const rows = await db.query<{ doc: unknown }>(`${sql} RETURNING ${returning} AS doc`, params)
  return rows[0]?.doc
}

/** The fields with a column that at least one row of the group sets. */
function insertedFields(model: ResolvedModel, group: readonly Placed[]): ResolvedField[] {
  return [...model.fields.values()].filter(
    (field) => field.column && group.some(({ row }) => row.values.has(field.name)),
  )
}

/** One multi-row INSERT of a group of rows of a model (fields a row leaves out: DEFAULT). */
function insertStatement(
  model: ResolvedModel,
  fields: readonly ResolvedField[],
  rows: readonly Placed[],
  alias?: string,
): { sql: string; params: unknown[] } {
  const columns = ['_id', ...systemColumns(model), ...fields.map((f) => f.column as string)]
  const params: unknown[] = []
  const tuples = rows.map((placed) => {
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
  const target = alias ? `${tableName(model)} AS ${alias}` : tableName(model)
  return { sql: `INSERT INTO ${target} (${list}) VALUES ${tuples.join(', ')}`, params }
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
