import { createClient as createPublishedClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, TaskManager } from '../src/index.js'
import type { TaskInfo } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer, Reply } from './capture-server.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

const TASK = '/_api/rest/v1/task'
const task = () => createClient(server.url, 'ck').task

const INFO: TaskInfo = {
  taskId: 't1',
  scheduledTaskId: 's1',
  scheduledTaskName: 'nightly',
  triggeredAt: '2024-01-01T00:00:00.000Z',
  startedAt: '2024-01-01T00:00:01.000Z',
  completedAt: '2024-01-01T00:00:02.000Z',
  status: 'completed',
  errors: {},
}
const ERROR_BODY = { errors: [{ origin: 'client_error', code: 'task_not_found', message: 'm' }] }

describe('client.task', () => {
  it('is a TaskManager created once', () => {
    const client = createClient(server.url, 'ck')
    expect(client.task).toBeInstanceOf(TaskManager)
    expect(client.task).toBe(client.task)
  })

  it('runOnce POSTs {taskNameOrId} as JSON', async () => {
    server.reply(json(200, { ...INFO, status: 'pending' }))
    const result = await task().runOnce('nightly')
    const req = server.last()
    expect(req.method).toBe('POST')
    expect(req.url).toBe(TASK)
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['x-client']).toBe('altogic-js')
    expect(req.body).toBe('{"taskNameOrId":"nightly"}')
    expect(result).toEqual({ info: { ...INFO, status: 'pending' }, errors: null })
  })

  it('getTaskStatus GETs task/<taskId> without a body', async () => {
    server.reply(json(200, INFO))
    const result = await task().getTaskStatus('65a0f1')
    const req = server.last()
    expect(req.method).toBe('GET')
    expect(req.url).toBe(`${TASK}/65a0f1`)
    expect(req.body).toBe('')
    expect(req.headers['content-type']).toBeUndefined()
    expect(result).toEqual({ info: INFO, errors: null })
  })

  it('getTaskStatus URI-encodes the id (published: raw)', async () => {
    await task().getTaskStatus('a/b?c d')
    expect(server.last().url).toBe(`${TASK}/a%2Fb%3Fc%20d`)
  })

  it('an unknown task (null or empty answer) gives info null', async () => {
    server.reply(json(200, null), { status: 204 })
    expect(await task().getTaskStatus('old')).toEqual({ info: null, errors: null })
    expect(await task().getTaskStatus('old')).toEqual({ info: null, errors: null })
  })

  it('errors come back in errors with info null', async () => {
    server.reply(json(404, ERROR_BODY, 'Not Found'))
    expect(await task().runOnce('nope')).toEqual({
      info: null,
      errors: { status: 404, statusText: 'Not Found', items: ERROR_BODY.errors },
    })
  })
})

type Call = (t: TaskManager) => Promise<unknown>

const CALLS: [string, Call][] = [
  ['runOnce by name', (t) => t.runOnce('nightly')],
  ['runOnce by id', (t) => t.runOnce('65a0f1c2d3')],
  ['getTaskStatus', (t) => t.getTaskStatus('65a0f1c2d3')],
]

async function run(published: boolean, call: Call, reply: Reply) {
  const client = published
    ? createPublishedClient(server.url, 'ck')
    : createClient(server.url, 'ck')
  const before = server.requests.length
  server.reply(reply)
  const result = await call(client.task as unknown as TaskManager)
  const requests = server.requests.slice(before).map((r) => ({
    method: r.method,
    url: r.url,
    contentType: r.headers['content-type'],
    body: r.body,
  }))
  return { result, requests }
}

describe.each([
  ['a task info', json(200, INFO)],
  ['null', json(200, null)],
  ['an empty answer', { status: 200, body: '' } as Reply],
  ['an error answer', json(404, ERROR_BODY, 'Not Found')],
] as [string, Reply][])('task parity with altogic@2.3.9 on %s', (_answer, reply) => {
  it.each(CALLS)('%s', async (_name, call) => {
    const published = await run(true, call, reply)
    const basalt = await run(false, call, reply)
    expect(published.requests).toHaveLength(1)
    expect(basalt).toEqual(published)
  })
})
