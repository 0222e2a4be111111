import type { Database } from './adapters/database/database.js'
import { startEmbeddedPostgres } from './adapters/database/embedded/embedded-postgres.js'
import { migrate } from './adapters/database/migrate.js'
import { PostgresDatabase } from './adapters/database/postgres/postgres-database.js'
import { SYSTEM_MIGRATIONS, SYSTEM_SCHEMA } from './core/system-migrations.js'

/** Where the database comes from and how to treat an embedded one already running. */
export interface OpenDatabaseOptions {
  /** An external PostgreSQL; when absent, the embedded server of `dataDir`. */
  databaseUrl?: string | undefined
  dataDir: string
  /** See EmbeddedOptions.mode: a server owns its database, a CLI command may attach. */
  embeddedMode: 'own' | 'attach'
  onError?: (error: Error) => void
  onLog?: (line: string) => void
}

/** An open, migrated database and the way to close it (and stop the embedded server). */
export interface OpenDatabase {
  db: Database
  /** The connection string (with its password): for tools that need a second connection. */
  url: string
  kind: 'embedded' | 'external'
  close(): Promise<void>
}

/** Connects to PostgreSQL (starting the embedded one when no URL is given) and migrates it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: options.dataDir,
        mode: options.embeddedMode,
        ...(options.onLog ? { log: options.onLog } : {}),
      })
  const connectionString = options.databaseUrl ?? embedded?.connectionString ?? ''
  const db = new PostgresDatabase({
    connectionString,
    ...(options.onError ? { onError: options.onError } : {}),
  })
  let closed: Promise<void> | undefined
  const close = () =>
    (closed ??= (async () => {
      await db.close()
      await embedded?.stop()
    })())
  try {
    await migrate(db, SYSTEM_SCHEMA, SYSTEM_MIGRATIONS)
  } catch (error) {
    await close()
    throw error
  }
  return { db, url: connectionString, kind: embedded ? 'embedded' : 'external', close }
}
