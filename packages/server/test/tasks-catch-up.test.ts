import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { previousTick } from '../src/core/functions/tasks/cron-ticker.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'
import { makeJobsApp, waitFor } from './queues-app.js'

const HOURLY = '0 * * * *'
const YEARLY = '0 0 1 1 *'
const HOUR_MS = 3_600_000
// A daily tick 30 minutes before the test starts: missed, within the default hour, and the next
// one a day away, whatever the time of day (no waiting for a clock boundary).
const half = new Date(Date.now() - 30 * 60_000)
const DAILY = `${half.getUTCMinutes()} ${half.getUTCHours()} * * *`
const TASKS = {
  // catchUp defaults to true: a missed tick at most an hour old runs once.
  daily: { handler: 'handlers.mjs#tick', schedule: DAILY },
  dailyOff: { handler: 'handlers.mjs#tick', schedule: DAILY, catchUp: false },
  // Its latest tick (January 1st) is older than the default window.
  yearly: { handler: 'handlers.mjs#tick', schedule: YEARLY },
  // A window of 60 s: the tick, 30 minutes old, is out of it.
  dailyShort: { handler: 'handlers.mjs#tick', schedule: DAILY, catchUp: 60 },
  // No earlier run: a task new to this database is not caught up.
  fresh: { handler: 'handlers.mjs#tick', schedule: DAILY },
}

interface RunRow {
  task: string
  triggered_at: Date
  status: string
}

// Ticks missed while no Basalt process ran: one catch-up run at start, never a flood.
describe.each(pgTargets())('catching up missed task ticks on $name PostgreSQL', (target) => {
  let database: TestDatabase
  let client: pg.Client
  let servers: BasaltServer[] = []
  const jobsApp = makeJobsApp()
  const start = async (count: number) => {
    const config = parseServerConfig({
      ...DEFAULT_CONFIG,
      logLevel: 'silent',
      dataDir: '/nonexistent-unused',
      databaseUrl: database.url,
      appDir: jobsApp.appDir,
      app: { tasks: TASKS, parameters: { LOG_FILE: jobsApp.logFile } },
    })
    servers = await Promise.all(Array.from({ length: count }, () => createServer(config)))
  }
  const stop = async () => {
    await Promise.all(servers.map((server) => server.close()))
    servers = []
  }
  const scheduleRuns = async () =>
    (
      await client.query<RunRow>(
        `SELECT task, triggered_at, status FROM basalt.task_runs
         WHERE triggered_by = 'schedule' ORDER BY task, triggered_at`,
      )
    ).rows
  const seed = (task: string, triggeredAt: Date) =>
    client.query(
      `INSERT INTO basalt.task_runs
         (id, task, triggered_by, triggered_at, started_at, completed_at, status)
       VALUES ($1, $2, 'schedule', $3, $3, $3, 'completed')`,
      [randomUUID(), task, triggeredAt],
    )
  const loggedTicks = () => jobsApp.lines().filter((line) => line.startsWith('tick schedule'))
  // The tick the daily tasks catch up: 30 minutes before the test.
  let missedTick: Date

  beforeAll(async () => {
    missedTick = previousTick(DAILY, 'UTC')!
    database = await createTestDatabase(target)
    client = new pg.Client({ connectionString: database.url })
    await client.connect()
  }, 120_000)
  afterAll(async () => {
    await stop()
    await client?.end()
    await database?.drop()
  })

  it('does not run the latest tick of a task that never ran on a schedule', async () => {
    await start(1)
    await stop()
    expect(await scheduleRuns()).toEqual([])
  })

  it('runs the latest missed tick once, on one of two servers starting together', async () => {
    const threeHoursBefore = new Date(missedTick.getTime() - 3 * HOUR_MS)
    for (const task of ['daily', 'dailyOff', 'dailyShort']) await seed(task, threeHoursBefore)
    await seed('yearly', new Date(previousTick(YEARLY, 'UTC')!.getTime() - 365 * 86_400_000))
    await start(2)
    // The claims are made before createServer resolves: the rows are there now.
    const runs = await scheduleRuns()
    const caughtUp = runs.filter((run) => run.triggered_at > threeHoursBefore)
    expect(caughtUp.map((run) => [run.task, run.triggered_at.toISOString()])).toEqual([
      ['daily', missedTick.toISOString()],
    ])
    // Only the seeded rows besides: nothing for dailyOff, dailyShort, yearly, fresh.
    expect(runs.length - caughtUp.length).toBe(4)
    await waitFor(scheduleRuns, (rows) => rows.every((row) => row.status === 'completed'))
    const ticks = loggedTicks()
    expect(ticks.filter((line) => line.includes(missedTick.toISOString()))).toHaveLength(1)
  })

  it('does not run a caught-up tick again on the next start', async () => {
    await stop()
    const before = await scheduleRuns()
    await start(1)
    await stop()
    expect(await scheduleRuns()).toEqual(before)
  })
})

describe('the catchUp setting of a task', () => {
  const parse = (catchUp: unknown) =>
    parseServerConfig({
      ...DEFAULT_CONFIG,
      dataDir: '/nonexistent-unused',
      app: { tasks: { t: { handler: 'h.ts', schedule: HOURLY, catchUp } } },
    }).app.tasks.t!.catchUp

  it('defaults to true and takes false or a number of seconds up to 7 days', () => {
    expect(parse(undefined)).toBe(true)
    expect(parse(false)).toBe(false)
    expect(parse(600)).toBe(600)
    expect(parse(7 * 86_400)).toBe(7 * 86_400)
  })

  it('rejects other values with a message naming the setting', () => {
    for (const bad of [0, -5, 1.5, 7 * 86_400 + 1, 'yes']) {
      expect(() => parse(bad)).toThrow(/catchUp/)
    }
  })

  it('finds the latest tick at or before a time', () => {
    const at = new Date('2026-03-04T10:20:30.000Z')
    expect(previousTick(HOURLY, 'UTC', at)).toEqual(new Date('2026-03-04T10:00:00.000Z'))
    expect(previousTick('* * * * * *', 'UTC', at)).toEqual(at)
    expect(previousTick('0 3 * * *', 'Europe/Paris', at)).toEqual(
      new Date('2026-03-04T02:00:00.000Z'),
    )
    expect(previousTick('not a schedule', 'UTC', at)).toBeNull()
  })
})
