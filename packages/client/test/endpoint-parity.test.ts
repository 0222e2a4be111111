import { createClient as createPublishedClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import type { EndpointManager } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer, Reply } from './capture-server.js'

// Basalt's client and the published altogic@2.3.9 client make the same endpoint calls against
// the same scripted server: the requests (method, URL, the headers that matter, raw body) and
// the results must be identical. Not compared: FormData/Blob bodies (node-fetch 2 under the
// published client sends the text "[object FormData]" from Node, a documented quirk Basalt
// fixes), paths that already hold a "?" (joined with "&" here, a second "?" there), and errors
// sent without a reason phrase (node-fetch 2 fills in the standard phrase, Node's fetch gives ''
// and the transport then uses the published "Bad Request" fallback).

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

type Call = (endpoint: EndpointManager) => Promise<{ data: unknown; errors: unknown }>

const QUERY = { a: 1, o: { x: 1 }, n: null, s: 'a b&c', arr: [1, 'x'], t: true, u: undefined }

const CALLS: [string, Call][] = [
  ['get', (e) => e.get('/orders/1')],
  ['get with query and headers', (e) => e.get('/orders/1', QUERY, { 'X-Custom': 'v' })],
  ['get without a leading slash', (e) => e.get(' orders ')],
  [
    'get overriding Authorization and Session',
    (e) => e.get('/me', {}, { Authorization: 'k', Session: 's' }),
  ],
  ['post JSON', (e) => e.post('/orders', { item: 'x', qty: 2, nested: { a: [1] } })],
  ['post an array', (e) => e.post('/orders', [{ a: 1 }, { a: 2 }])],
  ['post without a body', (e) => e.post('/orders')],
  ['post with everything', (e) => e.post('/orders', { a: 1 }, { q: 'x y' }, { 'X-A': '1' })],
  [
    'post JSON over a caller Content-Type',
    (e) => e.post('/o', { a: 1 }, {}, { 'Content-Type': 'text/plain' }),
  ],
  ['put JSON', (e) => e.put('/orders/1', { qty: 3 }, { v: 1 })],
  ['put without a body', (e) => e.put('/orders/1')],
  ['delete with a JSON body', (e) => e.delete('/orders', { ids: ['1', '2'] })],
  ['delete without a body', (e) => e.delete('/orders/1', undefined, { hard: true })],
  ['get json explicitly', (e) => e.get('/a', undefined, undefined, 'json')],
  ['get text', (e) => e.get('/a', undefined, undefined, 'text')],
  ['post text', (e) => e.post('/a', { a: 1 }, undefined, undefined, 'text')],
]

const HEADERS = [
  'content-type',
  'x-client',
  'x-client-key',
  'authorization',
  'session',
  'x-custom',
  'x-a',
]

/** Runs `call` on a fresh client and returns its result and the request it made. */
async function run(published: boolean, call: Call, reply: Reply) {
  const client = published
    ? createPublishedClient(server.url, 'ck', { apiKey: 'api' })
    : createClient(server.url, 'ck', { apiKey: 'api' })
  const before = server.requests.length
  server.reply(reply)
  const result = await call(client.endpoint as unknown as EndpointManager)
  const requests = server.requests.slice(before).map((r) => ({
    method: r.method,
    url: r.url,
    headers: Object.fromEntries(HEADERS.map((h) => [h, r.headers[h]])),
    body: r.body,
  }))
  return { result, requests }
}

const ERROR_BODY = { errors: [{ origin: 'client_error', code: 'c', message: 'm' }] }

describe.each([
  ['a JSON object', json(200, { id: 1, list: [1, 2] })],
  ['a JSON array', json(201, [{ a: 1 }])],
  ['JSON false', json(200, false)],
  ['an empty answer', { status: 200, body: '' } as Reply],
  ['a 204', { status: 204 } as Reply],
  ['plain text', { status: 200, headers: { 'content-type': 'text/plain' }, body: 'hi there' }],
  ['an error array', json(404, ERROR_BODY, 'Not Found')],
  ['a single error object', json(400, { errors: { code: 'one' } })],
  ['a bare error body', json(500, { message: 'bare' })],
  ['an error with a custom reason', json(409, ERROR_BODY, 'Already There')],
] as [string, Reply][])('endpoint parity with altogic@2.3.9 on %s', (_answer, reply) => {
  it.each(CALLS)('%s', async (_name, call) => {
    const published = await run(true, call, reply)
    const basalt = await run(false, call, reply)
    expect(published.requests).toHaveLength(1)
    expect(basalt).toEqual(published)
  })
})

describe('endpoint parity of binary resolve types', () => {
  const reply: Reply = { status: 200, headers: { 'content-type': 'image/png' }, body: 'PNG\u0001' }

  it('blob: same bytes and type', async () => {
    const call: Call = (e) => e.get('/img', { w: 10 }, undefined, 'blob')
    const published = await run(true, call, reply)
    const basalt = await run(false, call, reply)
    expect(basalt.requests).toEqual(published.requests)
    const [p, b] = [published.result.data as Blob, basalt.result.data as Blob]
    expect(b.type).toBe(p.type)
    expect(await b.text()).toBe(await p.text())
    expect(basalt.result.errors).toBe(published.result.errors)
  })

  it('arraybuffer: same bytes', async () => {
    const call: Call = (e) => e.post('/bin', { a: 1 }, undefined, undefined, 'arraybuffer')
    const published = await run(true, call, reply)
    const basalt = await run(false, call, reply)
    expect(basalt.requests).toEqual(published.requests)
    const bytes = (data: unknown) => [...new Uint8Array(data as ArrayBuffer)]
    expect(bytes(basalt.result.data)).toEqual(bytes(published.result.data))
    expect(basalt.result.errors).toBe(published.result.errors)
  })
})
