import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { ServerConfig } from '@basalt/server'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { makeJobsApp, waitFor } from './queues-app.js'

const QUEUES = {
  ok: { handler: 'handlers.mjs#ok' },
  boom: { handler: 'handlers.mjs#boom', retries: 0 },
  nonError: { handler: 'handlers.mjs#nonError', retries: 0 },
  never: { handler: 'handlers.mjs#never', retries: 0, timeoutSeconds: 1 },
  flaky: { handler: 'handlers.mjs#flaky', retries: 1, retryDelaySeconds: 1, retryBackoff: false },
}

// Messages through the REST routes: submit, poll the status, every failure recorded.
describe.each(pgTargets())('queues on $name PostgreSQL', (target) => {
  let t: TestServer
  const jobsApp = makeJobsApp()

  beforeAll(async () => {
    const overrides = {
      appDir: jobsApp.appDir,
      app: { queues: QUEUES, parameters: { LOG_FILE: jobsApp.logFile } },
    }
    t = await startTestServer(target, overrides as unknown as Partial<ServerConfig>)
  })
  afterAll(() => t?.close())

  const headers = () => ({ 'x-client-key': t.clientKey })
  const submit = (payload: object) =>
    t.server.app.inject({ method: 'POST', url: '/_api/rest/v1/queue', headers: headers(), payload })
  const status = async (id: string) =>
    (await t.server.app.inject({ url: `/_api/rest/v1/queue/${id}`, headers: headers() })).json()
  const submitted = async (queueNameOrId: string, message: object = {}, delay?: number) => {
    const reply = await submit({ queueNameOrId, message, ...(delay ? { delay } : {}) })
    expect(reply.statusCode).toBe(200)
    return reply.json().messageId as string
  }
  const finished = (id: string, ms?: number) =>
    waitFor(
      () => status(id),
      (info) => info?.status === 'completed' || info?.status === 'errors',
      ms,
    )

  it('submits a message and polls it to completed', async () => {
    const reply = await submit({ queueNameOrId: 'ok', message: { hello: 'world' } })
    const info = reply.json()
    expect(info).toMatchObject({ queueId: 'ok', queueName: 'ok', status: 'pending', errors: null })
    expect(new Date(info.submittedAt).getTime()).toBeGreaterThan(Date.now() - 5000)
    const done = await finished(info.messageId)
    expect(done).toMatchObject({ messageId: info.messageId, status: 'completed', errors: null })
    expect(Date.parse(done.startedAt)).toBeLessThanOrEqual(Date.parse(done.completedAt))
    expect(jobsApp.lines()).toContain(`ok ${info.messageId} {"hello":"world"}`)
  })

  it('records every kind of failure, retries, and holds a delayed message', async () => {
    const delayed = await submitted('ok', { later: true }, 1)
    // As a server killed in the middle of the only attempt of a `boom` message leaves it.
    await t.server.database.db.query(
      `INSERT INTO basalt.queue_messages (id, queue, message, status, started_at, attempts)
       VALUES ('lost-one', 'boom', '{}', 'processing', now() - interval '1 hour', 1)`,
    )
    expect((await status(delayed)).status).toBe('pending')
    const [boom, nonError, never, flaky] = await Promise.all(
      ['boom', 'nonError', 'never', 'flaky'].map((queue) => submitted(queue)),
    )
    const infos = await Promise.all([boom, nonError, never, flaky].map((id) => finished(id!)))
    expect(infos[0]).toMatchObject({
      status: 'errors',
      errors: { code: 'handler_error', message: 'boom: out of cheese', attempt: 1 },
    })
    expect(infos[1].errors).toMatchObject({
      code: 'handler_error',
      message: 'non-Error thrown: {"reason":"not an Error"}',
    })
    expect(infos[2].errors).toMatchObject({ code: 'handler_timeout' })
    // The first attempt failed, the retry a second later succeeded; the failure stays on record.
    expect(infos[3]).toMatchObject({ status: 'completed', errors: { attempt: 1 } })
    expect(jobsApp.lines().filter((line) => line.startsWith('flaky'))).toEqual([
      'flaky 1',
      'flaky 2',
    ])
    const dead = await t.server.database.db.query(
      'SELECT id FROM basalt.queue_messages WHERE dead_letter ORDER BY id',
    )
    expect(dead.map((row) => row.id).sort()).toEqual([boom, nonError, never, 'lost-one'].sort())
    expect(await finished('lost-one')).toMatchObject({
      status: 'errors',
      errors: { code: 'handler_lost', attempt: 1 },
    })
    const later = await finished(delayed)
    expect(later.status).toBe('completed')
    expect(Date.parse(later.startedAt) - Date.parse(later.submittedAt)).toBeGreaterThanOrEqual(900)
  })

  it('refuses an unknown queue and a malformed message, and stays healthy', async () => {
    const unknown = await submit({ queueNameOrId: 'nope', message: {} })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().errors[0]).toMatchObject({
      code: 'unknown_queue',
      details: { queue: 'nope' },
    })
    for (const message of ['text', [1, 2], null, 5]) {
      const reply = await submit({ queueNameOrId: 'ok', message })
      expect(reply.statusCode).toBe(400)
      expect(reply.json().errors[0].code).toBe('invalid_message')
    }
    const noName = await submit({ message: {} })
    expect(noName.json().errors[0].code).toBe('validation_error')
    for (const delay of [-1, '5', 1e12]) {
      const badDelay = await submit({ queueNameOrId: 'ok', message: {}, delay })
      expect(badDelay.json().errors[0].code).toBe('invalid_message')
    }
    expect(await status('no-such-message')).toBeNull()
    const health = await t.server.app.inject({ url: '/_api/health' })
    expect(health.statusCode).toBe(200)
  })

  it('stops the start when a handler module is missing', async () => {
    const database = await createTestDatabase(target)
    const config = parseServerConfig({
      ...DEFAULT_CONFIG,
      logLevel: 'silent',
      dataDir: '/nonexistent-unused',
      databaseUrl: database.url,
      appDir: jobsApp.appDir,
      app: { queues: { missing: { handler: 'nowhere.mjs' } } },
    })
    await expect(createServer(config)).rejects.toThrow(/nowhere\.mjs/)
    await database.drop()
  })
})
