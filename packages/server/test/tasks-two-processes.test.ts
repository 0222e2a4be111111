import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'
import { makeJobsApp } from './queues-app.js'

// Two Basalt servers on one PostgreSQL: a task due every second runs once per tick.
describe.each(pgTargets())('a task on two servers sharing $name PostgreSQL', (target) => {
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
        tasks: { everySecond: { handler: 'handlers.mjs#tick', schedule: '* * * * * *' } },
        parameters: { LOG_FILE: jobsApp.logFile },
      },
    })
    servers = await Promise.all([createServer(config), createServer(config)])
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
    await database?.drop()
  })

  it('fires once per tick, not once per server', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2600))
    await Promise.all(servers.map((server) => server.close()))
    servers = []
    // Counted once both servers are closed: no tick can be claimed after the count.
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    const { rows: runs } = await client
      .query<{ n: number }>(
        `SELECT count(*)::int AS n FROM basalt.task_runs WHERE triggered_by = 'schedule'`,
      )
      .finally(() => client.end())
    const ticks = jobsApp
      .lines()
      .filter((line) => line.startsWith('tick schedule'))
      .map((line) => line.split(' ')[2]!)
    expect(ticks.length).toBeGreaterThanOrEqual(2)
    expect(new Set(ticks).size).toBe(ticks.length)
    for (const tick of ticks) expect(Date.parse(tick) % 1000).toBe(0)
    // A run may have been claimed but not yet logged when the servers closed.
    expect(runs[0]!.n).toBeGreaterThanOrEqual(ticks.length)
    expect(runs[0]!.n).toBeLessThanOrEqual(ticks.length + 1)
  })
})
