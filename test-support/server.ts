import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer, ServerConfig } from '@basalt/server'
import { createTestDatabase } from './databases.js'
import type { PgTarget, TestDatabase } from './databases.js'

/** A server on a fresh database of a target, for app.inject() tests. */
export interface TestServer {
  server: BasaltServer
  database: TestDatabase
  /** The development client key created at first start. */
  clientKey: string
  close(): Promise<void>
}

/** Starts a server on a fresh database; `overrides` change the configuration. */
export async function startTestServer(
  target: PgTarget,
  overrides: Partial<ServerConfig> = {},
): Promise<TestServer> {
  const database = await createTestDatabase(target)
  // Each server's own data folder (stored files, generated keys), removed at close.
  const dataDir = await mkdtemp(join(tmpdir(), 'basalt-test-'))
  const config = parseServerConfig({
    ...DEFAULT_CONFIG,
    port: 0,
    logLevel: 'silent',
    dataDir,
    databaseUrl: database.url,
    ...overrides,
  })
  const server = await createServer(config).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true })
    throw error
  })
  const clientKey = server.developmentKey?.secret
  if (!clientKey) throw new Error('a fresh database should get a development key')
  return {
    server,
    database,
    clientKey,
    close: async () => {
      await server.close()
      await database.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
