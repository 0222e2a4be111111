import { readFileSync } from 'node:fs'
import type { Queryable } from '../../../adapters/database/database.js'
import type { ServerConfig } from '../../../config/server-config.js'
import type { ModelCatalog } from '../../db/model-types.js'

/** The first page of the console: what the app is, and how much it holds. */
export interface Overview {
  app: { name: string; mode: ServerConfig['mode']; version: string }
  counts: {
    users: number
    models: number
    buckets: number
    files: number
    queues: number
    tasks: number
    keys: number
  }
}

type CountRow = { users: string; buckets: string; files: string; keys: string }

/**
 * Counts of Basalt's tables (keys: those not revoked) in one round trip, with the declared
 * models, queues and tasks.
 */
export async function readOverview(
  db: Queryable,
  catalog: ModelCatalog,
  config: ServerConfig,
): Promise<Overview> {
  const rows = await db.query<CountRow>(
    `SELECT (SELECT count(*) FROM basalt.users) AS users,
       (SELECT count(*) FROM basalt.storage_buckets) AS buckets,
       (SELECT count(*) FROM basalt.storage_files) AS files,
       (SELECT count(*) FROM basalt.keys WHERE revoked_at IS NULL) AS keys`,
  )
  const row = rows[0]!
  return {
    app: { name: config.app.name ?? 'Basalt', mode: config.mode, version: serverVersion() },
    counts: {
      users: Number(row.users),
      models: [...catalog.models.values()].filter((model) => model.kind === 'top').length,
      buckets: Number(row.buckets),
      files: Number(row.files),
      queues: Object.keys(config.app.queues).length,
      tasks: Object.keys(config.app.tasks).length,
      keys: Number(row.keys),
    },
  }
}

let version: string | undefined

/** The version of the server package, read once from its package.json (above src/ and dist/). */
export function serverVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
  ).version
  return version
}
