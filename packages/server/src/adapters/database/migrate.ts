import type { Database } from './database.js'

/** One versioned schema change. Versions increase; applied ones never change. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/** What a migration run did. */
export interface MigrationReport {
  applied: Migration[]
}

const LOCK_KEY = 'basalt.system-migrations'

/**
 * Applies the migrations not yet recorded in `<schema>.migrations`, in one transaction held under
 * an advisory lock: two processes starting together do not both migrate, and a failed migration
 * leaves nothing half-applied.
 */
export async function migrate(
  db: Database,
  schema: string,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  assertOrdered(migrations)
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY])
    await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
    await tx.query(
      `CREATE TABLE IF NOT EXISTS "${schema}".migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    )
    const rows = await tx.query<{ version: number }>(`SELECT version FROM "${schema}".migrations`)
    const done = new Set(rows.map((row) => row.version))
    const pending = migrations.filter((migration) => !done.has(migration.version))
    for (const migration of pending) {
      await tx.query(migration.sql)
      await tx.query(`INSERT INTO "${schema}".migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ])
    }
    return { applied: pending }
  })
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1]
    if (previous && previous.version >= migration.version) {
      throw new Error(`migration ${migration.name} is out of order (version ${migration.version})`)
    }
  })
}
