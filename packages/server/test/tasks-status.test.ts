import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { ServerConfig } from '@basalt/server'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { makeJobsApp, waitFor } from './queues-app.js'

const YEARLY = '0 0 1 1 *'
const TASKS = {
  report: { handler: 'handlers.mjs#tick', schedule: YEARLY },
  failing: { handler: 'handlers.mjs#nonError', schedule: YEARLY },
  stuck: { handler: 'handlers.mjs#never', schedule: YEARLY, timeoutSeconds: 1 },
}

// Task runs through the REST routes: runOnce, then the run's status.
describe.each(pgTargets())('tasks on $name PostgreSQL', (target) => {
  let t: TestServer
  const jobsApp = makeJobsApp()

  beforeAll(async () => {
    const overrides = {
      appDir: jobsApp.appDir,
      app: { tasks: TASKS, parameters: { LOG_FILE: jobsApp.logFile } },
    }
    t = await startTestServer(target, overrides as unknown as Partial<ServerConfig>)
  })
  afterAll(() => t?.close())

  const headers = () => ({ 'x-client-key': t.clientKey })
  const run = (payload: object) =>
    t.server.app.inject({ method: 'POST', url: '/_api/rest/v1/task', headers: headers(), payload })
  const status = async (id: string) =>
    (await t.server.app.inject({ url: `/_api/rest/v1/task/${id}`, headers: headers() })).json()
  const finished = async (taskNameOrId: string) => {
    const info = (await run({ taskNameOrId })).json()
    return waitFor(
      () => status(info.taskId),
      (now) => now?.status === 'completed' || now?.status === 'errors',
    )
  }

  it('runs a task now and reads its status', async () => {
    const reply = await run({ taskNameOrId: 'report' })
    expect(reply.statusCode).toBe(200)
    const info = reply.json()
    expect(info).toMatchObject({ scheduledTaskId: 'report', scheduledTaskName: 'report' })
    expect(['pending', 'processing', 'completed']).toContain(info.status)
    const done = await waitFor(
      () => status(info.taskId),
      (now) => now?.status === 'completed',
    )
    expect(done).toMatchObject({ taskId: info.taskId, errors: null, triggeredAt: info.triggeredAt })
    expect(done.completedAt).toBeTruthy()
    expect(jobsApp.lines()).toEqual([`tick runOnce ${info.triggeredAt} ${process.pid}`])
  })

  it('records a run that throws a non-Error or never returns', async () => {
    const [failing, stuck] = await Promise.all([finished('failing'), finished('stuck')])
    expect(failing).toMatchObject({
      status: 'errors',
      errors: { code: 'handler_error', message: 'non-Error thrown: {"reason":"not an Error"}' },
    })
    expect(stuck).toMatchObject({ status: 'errors', errors: { code: 'handler_timeout' } })
  })

  it('refuses an unknown task and a malformed body, and stays healthy', async () => {
    const unknown = await run({ taskNameOrId: 'nope' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().errors[0]).toMatchObject({
      code: 'unknown_task',
      details: { task: 'nope' },
    })
    expect((await run({ taskNameOrId: 5 })).json().errors[0].code).toBe('validation_error')
    expect(await status('no-such-run')).toBeNull()
    expect((await t.server.app.inject({ url: '/_api/health' })).statusCode).toBe(200)
  })

  it('stops the start on a schedule that does not parse', async () => {
    const database = await createTestDatabase(target)
    const config = parseServerConfig({
      ...DEFAULT_CONFIG,
      logLevel: 'silent',
      dataDir: '/nonexistent-unused',
      databaseUrl: database.url,
      appDir: jobsApp.appDir,
      app: {
        tasks: {
          bad: { handler: 'handlers.mjs#tick', schedule: '0 3 * * *', timeZone: 'Mars/Base' },
        },
      },
    })
    await expect(createServer(config)).rejects.toThrow(/app\.tasks\.bad: .*Mars\/Base/)
    await database.drop()
  })
})
