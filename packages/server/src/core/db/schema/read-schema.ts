import type { Queryable } from '../../../adapters/database/database.js'
import { APP_SCHEMA } from '../model-types.js'

/** A column as the database has it. */
export interface ExistingColumn {
  readonly name: string
  /** Normalised like DesiredColumn.type (`timestamptz`, not `timestamp with time zone`). */
  readonly type: string
  readonly notNull: boolean
  readonly identity: boolean
}

/** A table of the app schema as the database has it. */
export interface ExistingTable {
  readonly name: string
  readonly columns: ReadonlyMap<string, ExistingColumn>
  /** The tables its foreign keys point to (a sub-model's parent). */
  readonly references: readonly string[]
}

/** An index of the app schema; `signature` is set on those Basalt made. */
export interface ExistingIndex {
  readonly name: string
  readonly table: string
  readonly signature: string | undefined
}

/** What the database holds of the app schema, and what it offers to build it. */
export interface SchemaState {
  readonly schemaExists: boolean
  readonly tables: ReadonlyMap<string, ExistingTable>
  /** Indexes that back no constraint (primary keys are the tables' own business). */
  readonly indexes: ReadonlyMap<string, ExistingIndex>
  /** The schema of the pg_trgm extension; undefined when it is not installed. */
  readonly trigramSchema: string | undefined
  /** The text search configurations (`english`, `simple`, ...). */
  readonly searchConfigs: ReadonlySet<string>
}

/** The comment that marks an index as Basalt's, followed by its signature. */
export const INDEX_COMMENT_PREFIX = 'basalt:'

/** Reads the app schema's tables, columns, foreign keys and indexes from pg_catalog. */
export async function readSchema(db: Queryable): Promise<SchemaState> {
  const [namespace] = await db.query<{ found: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS found',
    [APP_SCHEMA],
  )
  const [trigram] = await db.query<{ schema: string }>(
    `SELECT n.nspname AS schema FROM pg_extension e
     JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
  )
  const configs = await db.query<{ name: string }>('SELECT cfgname AS name FROM pg_ts_config')
  return {
    schemaExists: namespace?.found === true,
    tables: await readTables(db),
    indexes: await readIndexes(db),
    trigramSchema: trigram?.schema,
    searchConfigs: new Set(configs.map((config) => config.name)),
  }
}

type ColumnRow = {
  table: string
  column: string | null
  type: string | null
  not_null: boolean | null
  identity: boolean | null
}

async function readTables(db: Queryable): Promise<Map<string, ExistingTable>> {
  const rows = await db.query<ColumnRow>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, a.attidentity <> '' AS identity
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
     ORDER BY c.relname, a.attnum`,
    [APP_SCHEMA],
  )
  const keys = await db.query<{ table: string; target: string }>(
    `SELECT c.relname AS table, r.relname AS target
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid
     JOIN pg_class r ON r.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = $1`,
    [APP_SCHEMA],
  )
  const tables = new Map<string, { name: string; columns: Map<string, ExistingColumn> }>()
  for (const row of rows) {
    const table = tables.get(row.table) ?? { name: row.table, columns: new Map() }
    tables.set(row.table, table)
    if (row.column === null) continue
    table.columns.set(row.column, {
      name: row.column,
      type: normaliseType(row.type ?? ''),
      notNull: row.not_null === true,
      identity: row.identity === true,
    })
  }
  const result = new Map<string, ExistingTable>()
  for (const [name, table] of tables) {
    const references = keys.filter((key) => key.table === name).map((key) => key.target)
    result.set(name, { ...table, references })
  }
  return result
}

async function readIndexes(db: Queryable): Promise<Map<string, ExistingIndex>> {
  const rows = await db.query<{ name: string; table: string; comment: string | null }>(
    `SELECT i.relname AS name, t.relname AS table, obj_description(i.oid, 'pg_class') AS comment
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = i.relnamespace
     WHERE n.nspname = $1 AND NOT EXISTS (
       SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.contype IN ('p', 'u', 'x')
     )`,
    [APP_SCHEMA],
  )
  const indexes = new Map<string, ExistingIndex>()
  for (const row of rows) {
    const ours = row.comment?.startsWith(INDEX_COMMENT_PREFIX)
    const signature = ours ? row.comment!.slice(INDEX_COMMENT_PREFIX.length) : undefined
    indexes.set(row.name, { name: row.name, table: row.table, signature })
  }
  return indexes
}

/** `timestamp with time zone[]` -> `timestamptz[]`: the short names the models use. */
export function normaliseType(type: string): string {
  return type.replace(/^timestamp with time zone/, 'timestamptz')
}
