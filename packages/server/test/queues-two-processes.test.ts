import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'
import { makeJobsApp, waitFor } from './queues-app.js'

// Two Basalt servers on one PostgreSQL consume one queue: every message is handled once.
describe.each(pgTargets())('a queue on two servers sharing $name PostgreSQL', (target) => {
  let database: TestDatabase
  let servers: BasaltServer[] = []
  const jobsApp = makeJobsApp()

  beforeAll(async () => {
    database = await createTestDatabase(target)
    const config = parseServerConfig({
      ...DEFAULT_CONFIG,
      logLevel: 'silent',
      dataDir: '/nonexistent-unused',
      databaseUrl: database.url,
      appDir: jobsApp.appDir,
      app: {
        queues: { work: { handler: 'handlers.mjs#ok', concurrency: 3 } },
        parameters: { LOG_FILE: jobsApp.logFile },
      },
    })
    servers = await Promise.all([createServer(config), createServer(config)])
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
    await database?.drop()
  })

  it('processes each message once', async () => {
    const key = servers.map((server) => server.developmentKey?.secret).find(Boolean)!
    const submit = (server: BasaltServer, n: number) =>
      server.app.inject({
        method: 'POST',
        url: '/_api/rest/v1/queue',
        headers: { 'x-client-key': key },
        payload: { queueNameOrId: 'work', message: { n } },
      })
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, n) => submit(servers[n % 2]!, n)),
    )
    const ids = replies.map((reply) => reply.json().messageId as string)
    const db = servers[0]!.database.db
    await waitFor(
      () =>
        db.query(`SELECT count(*)::int AS n FROM basalt.queue_messages WHERE status = 'completed'`),
      (rows) => rows[0]!.n === ids.length,
    )
    const handled = jobsApp.lines().map((line) => line.split(' ')[1])
    expect(handled.sort()).toEqual([...ids].sort())
  })
})
