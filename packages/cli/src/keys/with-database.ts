import { openDatabase } from '@basalt/server'
import type { Database } from '@basalt/server'
import { loadDatabaseConfig } from '../config/load-config.js'
import type { AppFlags } from '../config/load-config.js'

/**
 * Opens the app's database, runs `work` on it and closes it. `attach` uses the embedded
 * PostgreSQL of a server running on the same data folder, or starts one just for this command:
 * never a second server on the same files.
 */
export async function withDatabase<T>(
  flags: AppFlags,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const config = await loadDatabaseConfig(flags)
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedMode: 'attach',
  })
  try {
    return await work(database.db)
  } finally {
    await database.close()
  }
}
