import { createClient as createPublishedClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, QueueManager } from '../src/index.js'
import type { MessageInfo } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer, Reply } from './capture-server.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

const QUEUE = '/_api/rest/v1/queue'
const queue = () => createClient(server.url, 'ck').queue

const INFO: MessageInfo = {
  messageId: 'm1',
  queueId: 'q1',
  queueName: 'emails',
  submittedAt: '2024-01-01T00:00:00.000Z',
  startedAt: '2024-01-01T00:00:01.000Z',
  completedAt: '2024-01-01T00:00:02.000Z',
  status: 'completed',
  errors: {},
}
const ERROR_BODY = { errors: [{ origin: 'client_error', code: 'queue_not_found', message: 'm' }] }

describe('client.queue', () => {
  it('is a QueueManager created once', () => {
    const client = createClient(server.url, 'ck')
    expect(client.queue).toBeInstanceOf(QueueManager)
    expect(client.queue).toBe(client.queue)
  })

  it('submitMessage POSTs {queueNameOrId, message, delay} as JSON', async () => {
    server.reply(json(200, INFO))
    const result = await queue().submitMessage('emails', { to: 'a@b.c', n: [1] }, 3600)
    const req = server.last()
    expect(req.method).toBe('POST')
    expect(req.url).toBe(QUEUE)
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['x-client-key']).toBe('ck')
    expect(req.body).toBe(
      '{"queueNameOrId":"emails","message":{"to":"a@b.c","n":[1]},"delay":3600}',
    )
    expect(result).toEqual({ info: INFO, errors: null })
  })

  it('submitMessage omits an undefined delay and keeps 0', async () => {
    await queue().submitMessage('q', {})
    expect(server.last().body).toBe('{"queueNameOrId":"q","message":{}}')
    await queue().submitMessage('q', { a: 1 }, 0)
    expect(server.last().body).toBe('{"queueNameOrId":"q","message":{"a":1},"delay":0}')
  })

  it('getMessageStatus GETs queue/<messageId> without a body', async () => {
    server.reply(json(200, { ...INFO, status: 'pending' }))
    const result = await queue().getMessageStatus('65a0f1')
    const req = server.last()
    expect(req.method).toBe('GET')
    expect(req.url).toBe(`${QUEUE}/65a0f1`)
    expect(req.body).toBe('')
    expect(req.headers['content-type']).toBeUndefined()
    expect(result).toEqual({ info: { ...INFO, status: 'pending' }, errors: null })
  })

  it('getMessageStatus URI-encodes the id (published: raw)', async () => {
    await queue().getMessageStatus('a/b?c d')
    expect(server.last().url).toBe(`${QUEUE}/a%2Fb%3Fc%20d`)
  })

  it('an unknown message (null or empty answer) gives info null', async () => {
    server.reply(json(200, null), { status: 200, body: '' })
    expect(await queue().getMessageStatus('old')).toEqual({ info: null, errors: null })
    expect(await queue().getMessageStatus('old')).toEqual({ info: null, errors: null })
  })

  it('errors come back in errors with info null', async () => {
    server.reply(json(404, ERROR_BODY, 'Not Found'))
    expect(await queue().submitMessage('nope', {})).toEqual({
      info: null,
      errors: { status: 404, statusText: 'Not Found', items: ERROR_BODY.errors },
    })
  })
})

type Call = (q: QueueManager) => Promise<unknown>

const CALLS: [string, Call][] = [
  ['submitMessage', (q) => q.submitMessage('emails', { to: 'a@b.c', nested: { x: [1] } })],
  ['submitMessage with a delay', (q) => q.submitMessage('65a0f1', { a: 1 }, 86400)],
  ['submitMessage with delay 0', (q) => q.submitMessage('emails', {}, 0)],
  ['getMessageStatus', (q) => q.getMessageStatus('65a0f1c2d3')],
]

async function run(published: boolean, call: Call, reply: Reply) {
  const client = published
    ? createPublishedClient(server.url, 'ck')
    : createClient(server.url, 'ck')
  const before = server.requests.length
  server.reply(reply)
  const result = await call(client.queue as unknown as QueueManager)
  const requests = server.requests.slice(before).map((r) => ({
    method: r.method,
    url: r.url,
    contentType: r.headers['content-type'],
    body: r.body,
  }))
  return { result, requests }
}

describe.each([
  ['a message info', json(200, INFO)],
  ['null', json(200, null)],
  ['an empty answer', { status: 200, body: '' } as Reply],
  ['an error answer', json(404, ERROR_BODY, 'Not Found')],
] as [string, Reply][])('queue parity with altogic@2.3.9 on %s', (_answer, reply) => {
  it.each(CALLS)('%s', async (_name, call) => {
    const published = await run(true, call, reply)
    const basalt = await run(false, call, reply)
    expect(published.requests).toHaveLength(1)
    expect(basalt).toEqual(published)
  })
})
