import { openDatabase, resolveModels } from '@basalt/server'
import type { Database, ModelCatalog } from '@basalt/server'
import { loadServerConfig } from '../config/load-config.js'
import type { AppFlags } from '../config/load-config.js'

/**
 * Loads the app's configuration as `basalt start` does (its models come from the config file),
 * opens its database (attached to a running server's embedded PostgreSQL, if any), runs `work`
 * and closes it. A bad config fails before the database is opened.
 */
export async function withModels<T>(
  flags: AppFlags,
  work: (db: Database, catalog: ModelCatalog) => Promise<T>,
): Promise<T> {
  const config = await loadServerConfig(flags)
  const catalog = resolveModels(config.app)
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedMode: 'attach',
  })
  try {
    return await work(database.db, catalog)
  } finally {
    await database.close()
  }
}
