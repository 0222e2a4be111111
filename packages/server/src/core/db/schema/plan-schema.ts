import type { Queryable } from '../../../adapters/database/database.js'
import { APP_SCHEMA } from '../model-types.js'
import type { ModelCatalog } from '../model-types.js'
import { typeChange } from './column-changes.js'
import { desiredSchema } from './desired-schema.js'
import type { DesiredColumn, DesiredIndex, DesiredSchema, DesiredTable } from './desired-schema.js'
import { INDEX_COMMENT_PREFIX, readSchema } from './read-schema.js'
import type { ExistingColumn, ExistingTable, SchemaState } from './read-schema.js'
import type { SchemaPlan, SchemaStep } from './schema-plan.js'
import { checkEnvironment } from './check-environment.js'
import { appTable, quoteIdent, quoteLiteral } from './sql-names.js'

/** Reads the app schema and answers the steps that would bring it to the models. */
export async function planSchema(db: Queryable, catalog: ModelCatalog): Promise<SchemaPlan> {
  return computePlan(await readSchema(db), catalog)
}

/**
 * The steps from `state` to what `catalog` needs, in an order that works: stale indexes go
 * first, then tables and columns are created or changed, indexes built, and last come the
 * drops that lose data. Throws SchemaChangeError when the database lacks something needed.
 */
export function computePlan(state: SchemaState, catalog: ModelCatalog): SchemaPlan {
  checkEnvironment(state, catalog)
  const trigramOps = `${quoteIdent(state.trigramSchema ?? 'public')}.gin_trgm_ops`
  const desired = desiredSchema(catalog, { trigramOps })
  const steps: SchemaStep[] = []
  if (!state.schemaExists) {
    steps.push(step(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(APP_SCHEMA)}`, 'create schema app'))
  }
  steps.push(...staleIndexSteps(state, desired))
  const columnDrops: SchemaStep[] = []
  for (const table of desired.tables) {
    const existing = state.tables.get(table.name)
    if (!existing) steps.push(createTableStep(table))
    else {
      steps.push(...table.columns.flatMap((column) => columnSteps(table, column, existing)))
      columnDrops.push(...dropColumnSteps(table, existing))
    }
  }
  steps.push(...createIndexSteps(state, desired))
  steps.push(...columnDrops, ...dropTableSteps(state, desired))
  return { steps }
}

function step(sql: string, description: string, dataLoss = false): SchemaStep {
  return { sql, description, dataLoss }
}

function staleIndexSteps(state: SchemaState, desired: DesiredSchema): SchemaStep[] {
  const wanted = new Map(desired.indexes.map((index) => [index.name, index]))
  const kept = new Set(desired.tables.map((table) => table.name))
  return [...state.indexes.values()]
    .filter((index) => index.signature !== undefined || wanted.has(index.name))
    .filter((index) => kept.has(index.table)) // the others go with their table
    .filter((index) => wanted.get(index.name)?.signature !== index.signature)
    .map((index) =>
      step(
        `DROP INDEX ${quoteIdent(APP_SCHEMA)}.${quoteIdent(index.name)}`,
        `drop index ${index.name} on ${index.table}`,
      ),
    )
}

function createTableStep(table: DesiredTable): SchemaStep {
  const columns = table.columns.map((column) => `  ${column.createSql}`).join(',\n')
  const model = table.model === table.name ? '' : ` for ${table.model}`
  return step(
    `CREATE TABLE ${appTable(table.name)} (\n${columns}\n)`,
    `create table ${table.name}${model}`,
  )
}

function columnSteps(table: DesiredTable, column: DesiredColumn, existing: ExistingTable) {
  const target = appTable(table.name)
  const name = quoteIdent(column.name)
  const label = `${table.name}.${column.name}`
  const found = existing.columns.get(column.name)
  if (!found) {
    const type = column.identity ? `${column.type} auto-increment` : column.type
    return [
      step(`ALTER TABLE ${target} ADD COLUMN ${column.addSql}`, `add column ${label} ${type}`),
    ]
  }
  const steps: SchemaStep[] = []
  if (found.identity && !column.identity) {
    steps.push(
      step(
        `ALTER TABLE ${target} ALTER COLUMN ${name} DROP IDENTITY`,
        `stop auto-increment on ${label}`,
      ),
    )
  }
  if (found.notNull && !column.system && !column.identity) {
    steps.push(
      step(`ALTER TABLE ${target} ALTER COLUMN ${name} DROP NOT NULL`, `allow null in ${label}`),
    )
  }
  const retype = found.type === column.type ? undefined : typeStep(target, label, column, found)
  if (retype) steps.push(retype)
  if (column.identity && !found.identity) {
    // Numbering needs the new type: it waits for a type change that waits for acceptance.
    steps.push({ ...identityStep(target, label, column.name), dataLoss: retype?.dataLoss ?? false })
  }
  return steps
}

/** Existing rows get numbers after the highest one, and the sequence continues from there. */
function identityStep(target: string, label: string, column: string): SchemaStep {
  const name = quoteIdent(column)
  const sequence = `pg_get_serial_sequence(${quoteLiteral(target)}, ${quoteLiteral(column)})`
  return step(
    `UPDATE ${target} SET ${name} = numbered.n FROM (\n` +
      `  SELECT ctid AS row, (SELECT coalesce(max(${name}), 0) FROM ${target}) + ` +
      `row_number() OVER (ORDER BY ctid) AS n\n` +
      `  FROM ${target} WHERE ${name} IS NULL\n` +
      `) numbered WHERE ${target}.ctid = numbered.row;\n` +
      `ALTER TABLE ${target} ALTER COLUMN ${name} SET NOT NULL, ` +
      `ALTER COLUMN ${name} ADD GENERATED BY DEFAULT AS IDENTITY;\n` +
      `SELECT setval(${sequence}, coalesce(max(${name}), 0) + 1, false) FROM ${target}`,
    `make ${label} auto-increment`,
  )
}

function typeStep(target: string, label: string, column: DesiredColumn, found: ExistingColumn) {
  const name = quoteIdent(column.name)
  const change = typeChange(name, found.type, column.type)
  const loss = change.dataLoss ? ' (values that do not convert are lost)' : ''
  return step(
    `ALTER TABLE ${target} ALTER COLUMN ${name} TYPE ${column.type} USING ${change.using}`,
    `change column ${label} from ${found.type} to ${column.type}${loss}`,
    change.dataLoss,
  )
}

function dropColumnSteps(table: DesiredTable, existing: ExistingTable): SchemaStep[] {
  const wanted = new Set(table.columns.map((column) => column.name))
  return [...existing.columns.keys()]
    .filter((name) => !wanted.has(name))
    .map((name) =>
      step(
        `ALTER TABLE ${appTable(table.name)} DROP COLUMN ${quoteIdent(name)}`,
        `drop column ${table.name}.${name} and its values`,
        true,
      ),
    )
}

function createIndexSteps(state: SchemaState, desired: DesiredSchema): SchemaStep[] {
  return desired.indexes
    .filter((index) => state.indexes.get(index.name)?.signature !== index.signature)
    .map((index) => step(createIndexSql(index), index.description))
}

/** The index and the comment that marks it as Basalt's, with its signature. */
function createIndexSql(index: DesiredIndex): string {
  const comment = quoteLiteral(INDEX_COMMENT_PREFIX + index.signature)
  return `${index.sql};\nCOMMENT ON INDEX ${quoteIdent(APP_SCHEMA)}.${quoteIdent(index.name)} IS ${comment}`
}

/** Tables no model needs, sub-model tables before the tables they point to. */
function dropTableSteps(state: SchemaState, desired: DesiredSchema): SchemaStep[] {
  const wanted = new Set(desired.tables.map((table) => table.name))
  const stale = [...state.tables.values()].filter((table) => !wanted.has(table.name))
  const ordered: ExistingTable[] = []
  while (stale.length > 0) {
    const referenced = new Set(stale.flatMap((table) => table.references))
    const free = stale.filter(
      (table) => !referenced.has(table.name) || table.references.includes(table.name),
    )
    const next = free[0] ?? stale[0]!
    ordered.push(next)
    stale.splice(stale.indexOf(next), 1)
  }
  return ordered.map((table) =>
    step(`DROP TABLE ${appTable(table.name)}`, `drop table ${table.name} and all its rows`, true),
  )
}
