import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { Redis } from 'ioredis'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from '../packages/server/src/adapters/database/embedded/embedded-postgres.js'
import type { EmbeddedHandle } from '../packages/server/src/adapters/database/embedded/embedded-postgres.js'

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedPgUrl: string
  }
}

let embedded: EmbeddedHandle | undefined
let dataDir: string | undefined

/**
 * One embedded PostgreSQL for the whole run (each test file makes its own database on it), and
 * a check that the external services named by BASALT_TEST_PG_URL / BASALT_TEST_REDIS_URL answer:
 * when they are named, the run fails rather than skips if they cannot be reached.
 */
export async function setup(project: TestProject): Promise<void> {
  await checkExternalServices()
  dataDir = await mkdtemp(join(tmpdir(), 'basalt-test-pg-'))
  await chmod(dataDir, 0o755) // as root, PostgreSQL runs as the postgres user and must enter it
  embedded = await startEmbeddedPostgres({ dataDir, mode: 'own' })
  project.provide('embeddedPgUrl', embedded.connectionString)
}

export async function teardown(): Promise<void> {
  await embedded?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}

async function checkExternalServices(): Promise<void> {
  const pgUrl = process.env.BASALT_TEST_PG_URL
  if (pgUrl) {
    const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 5000 })
    try {
      await client.connect()
      await client.query('SELECT 1')
    } catch (error) {
      throw new Error(`BASALT_TEST_PG_URL (${pgUrl}) cannot be reached: ${String(error)}`)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  const redisUrl = process.env.BASALT_TEST_REDIS_URL
  if (redisUrl) {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 })
    try {
      await redis.connect()
      await redis.ping()
    } catch (error) {
      throw new Error(`BASALT_TEST_REDIS_URL (${redisUrl}) cannot be reached: ${String(error)}`)
    } finally {
      redis.disconnect()
    }
  }
}
