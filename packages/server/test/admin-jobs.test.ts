import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerConfig } from '@basalt/server'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminAnswer, AdminTestServer } from '../../../test-support/admin.js'
import { waitFor } from './queues-app.js'

// `picky` fails until the app's FLAG file exists: a failed message can then be retried to success.
const HANDLERS = `
import { appendFileSync, existsSync } from 'node:fs'
export async function ok() {}
export async function picky(context) {
  if (!existsSync(context.params.FLAG)) throw new Error('no flag yet')
}
export async function tick(context) {
  appendFileSync(context.params.LOG, context.trigger.taskId + '\\n')
}
`
const QUEUES = {
  mail: { handler: 'handlers.mjs#ok', concurrency: 2 },
  picky: { handler: 'handlers.mjs#picky', retries: 0 },
}
const YEARLY = '0 0 1 1 *'
const TASKS = {
  report: { handler: 'handlers.mjs#tick', schedule: YEARLY, timeZone: 'Europe/Paris' },
  cleanup: { handler: 'handlers.mjs#tick', schedule: '30 4 * * *' },
}

function expectError(answer: AdminAnswer, status: number, code: string) {
  expect(answer.status).toBe(status)
  expect(answer.body.errors[0]).toMatchObject({ code })
}

/** The next 1 January, midnight in Paris (23:00 UTC the day before: winter time). */
function nextNewYearInParis(now = Date.now()): string {
  const year = new Date(now).getUTCFullYear()
  const thisYear = Date.UTC(year, 11, 31, 23)
  return new Date(now < thisYear ? thisYear : Date.UTC(year + 1, 11, 31, 23)).toISOString()
}

describe.each(pgTargets())('admin queues and tasks on $name PostgreSQL', (target) => {
  let a: AdminTestServer
  const appDir = mkdtempSync(join(tmpdir(), 'basalt-admin-jobs-'))
  const flag = join(appDir, 'flag')
  const log = join(appDir, 'log.txt')
  writeFileSync(join(appDir, 'handlers.mjs'), HANDLERS)
  writeFileSync(log, '')

  beforeAll(async () => {
    const overrides = {
      appDir,
      app: { queues: QUEUES, tasks: TASKS, parameters: { FLAG: flag, LOG: log } },
    }
    a = await startAdminTestServer(target, overrides as unknown as Partial<ServerConfig>)
  })
  afterAll(() => a?.close())

  const rest = (method: 'GET' | 'POST', url: string, payload?: object) =>
    a.t.server.app.inject({
      method,
      url: `/_api/rest/v1${url}`,
      headers: { 'x-client-key': a.t.clientKey },
      ...(payload ? { payload } : {}),
    })
  const submit = async (queueNameOrId: string, message: object) =>
    (await rest('POST', '/queue', { queueNameOrId, message })).json().messageId as string
  /** The status a client polls (GET /queue/:messageId), once it is final. */
  const finished = (id: string) =>
    waitFor(
      async () => (await rest('GET', `/queue/${id}`)).json(),
      (info) => info?.status === 'completed' || info?.status === 'errors',
    )

  it('lists queues with counts and their messages, newest first, by status', async () => {
    const first = await submit('mail', { n: 1 })
    const second = await submit('mail', { n: 2 })
    const failed = await submit('picky', { n: 3 })
    await Promise.all([first, second, failed].map(finished))

    const queues = await a.call('GET', '/queues')
    expect(queues.status).toBe(200)
    expect(queues.body.items).toEqual([
      {
        name: 'mail',
        concurrency: 2,
        retries: 3,
        counts: { pending: 0, processing: 0, completed: 2, errors: 0, deadLetter: 0 },
      },
      {
        name: 'picky',
        concurrency: 1,
        retries: 0,
        counts: { pending: 0, processing: 0, completed: 0, errors: 1, deadLetter: 1 },
      },
    ])

    const mail = await a.call('GET', '/queues/mail/messages')
    expect(mail.body).toMatchObject({ page: 1, size: 50, total: 2 })
    expect(mail.body.items.map((m: { messageId: string }) => m.messageId)).toEqual([second, first])
    expect(mail.body.items[0]).toMatchObject({
      queue: 'mail',
      message: { n: 2 },
      status: 'completed',
      attempts: 1,
      deadLetter: false,
      errors: null,
    })
    const paged = await a.call('GET', '/queues/mail/messages?size=1&page=2')
    expect(paged.body).toMatchObject({ page: 2, size: 1, total: 2 })
    expect(paged.body.items[0].messageId).toBe(first)
    const errors = await a.call('GET', '/queues/picky/messages?status=errors')
    expect(errors.body.items).toHaveLength(1)
    expect(errors.body.items[0]).toMatchObject({
      messageId: failed,
      status: 'errors',
      deadLetter: true,
      errors: { code: 'handler_error', message: 'no flag yet', attempt: 1 },
    })
    expect((await a.call('GET', '/queues/picky/messages?status=pending')).body.total).toBe(0)

    expectError(await a.call('GET', '/queues/nope/messages'), 404, 'unknown_queue')
    expectError(await a.call('GET', '/queues/mail/messages?status=dead'), 400, 'validation_error')
    expectError(await a.call('GET', '/queues/mail/messages?size=0'), 400, 'validation_error')
  })

  it('retries a failed message with the same id; the status the client polls moves again', async () => {
    const id = await submit('picky', { retry: true })
    expect(await finished(id)).toMatchObject({ status: 'errors' })
    // A dead letter whose process died, as markLost leaves it.
    await a.t.server.database.db.query(
      `INSERT INTO basalt.queue_messages (id, queue, message, status, attempts, dead_letter, errors)
       VALUES ('lost-one', 'picky', '{"lost":true}', 'errors', 1, true, '{"code":"handler_lost"}')`,
    )
    writeFileSync(flag, '')

    const retried = await a.call('POST', `/messages/${id}/retry`)
    expect(retried.status).toBe(200)
    expect(retried.body).toMatchObject({
      messageId: id,
      queue: 'picky',
      message: { retry: true },
      status: 'pending',
      attempts: 0,
      deadLetter: false,
      errors: null,
      startedAt: null,
      completedAt: null,
    })
    expect(await finished(id)).toMatchObject({ messageId: id, status: 'completed', errors: null })
    expect((await a.call('POST', '/messages/lost-one/retry')).body.status).toBe('pending')
    expect(await finished('lost-one')).toMatchObject({ status: 'completed' })
    const rows = await a.t.server.database.db.query(
      'SELECT attempts, dead_letter FROM basalt.queue_messages WHERE id = $1',
      [id],
    )
    expect(rows[0]).toEqual({ attempts: 1, dead_letter: false })

    const done = await a.call('POST', `/messages/${id}/retry`)
    expectError(done, 409, 'message_not_retryable')
    expect(done.body.errors[0].details).toMatchObject({ status: 'completed' })
    expectError(await a.call('POST', '/messages/no-such-id/retry'), 404, 'message_not_found')
  })

  it('lists tasks with their next tick and last run, runs one, and lists its runs', async () => {
    const before = await a.call('GET', '/tasks')
    expect(before.body.items).toEqual([
      {
        name: 'cleanup',
        schedule: '30 4 * * *',
        timeZone: 'UTC',
        nextTickAt: expect.stringMatching(/T04:30:00\.000Z$/),
        lastRun: null,
      },
      {
        name: 'report',
        schedule: YEARLY,
        timeZone: 'Europe/Paris',
        nextTickAt: nextNewYearInParis(),
        lastRun: null,
      },
    ])
    const nextCleanup = Date.parse(before.body.items[0].nextTickAt)
    expect(nextCleanup - Date.now()).toBeGreaterThan(0)
    expect(nextCleanup - Date.now()).toBeLessThanOrEqual(86_400_000)

    const run = await a.call('POST', '/tasks/report/run')
    expect(run.status).toBe(202)
    expect(run.body).toMatchObject({ task: 'report', triggeredBy: 'runOnce', errors: null })
    const taskId = run.body.taskId as string
    const runs = await waitFor(
      () => a.call('GET', '/tasks/report/runs'),
      (answer) => answer.body.items[0]?.status === 'completed',
    )
    expect(runs.body).toMatchObject({ page: 1, size: 50, total: 1 })
    expect(runs.body.items[0]).toMatchObject({
      taskId,
      task: 'report',
      triggeredBy: 'runOnce',
      triggeredAt: run.body.triggeredAt,
    })
    expect(runs.body.items[0].completedAt).toBeTruthy()
    const after = await a.call('GET', '/tasks')
    expect(after.body.items[1].lastRun).toMatchObject({ taskId, status: 'completed' })
    expect(after.body.items[0].lastRun).toBeNull()

    expectError(await a.call('POST', '/tasks/nope/run'), 404, 'unknown_task')
    expectError(await a.call('GET', '/tasks/nope/runs'), 404, 'unknown_task')
    expectError(await a.call('GET', '/tasks/report/runs?page=x'), 400, 'validation_error')
  })

  it('answers 401 without the admin token', async () => {
    for (const [method, path] of [
      ['GET', '/queues'],
      ['POST', '/messages/lost-one/retry'],
      ['POST', '/tasks/report/run'],
    ] as const) {
      const answer = await a.call(method, path, undefined, {
        authorization: '',
        'x-client-key': a.t.clientKey,
      })
      expectError(answer, 401, 'admin_session_required')
    }
  })
})
