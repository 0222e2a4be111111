import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CacheManager, createClient } from '../src/index.js'
import type { CacheManager as Manager } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
let cache: Manager
beforeAll(async () => {
  server = await startCaptureServer()
  cache = createClient(server.url, 'ck').cache
})
afterAll(() => server.close())

const CACHE = '/_api/rest/v1/cache'

/** Every method, the exact request it sends, and the answer it makes of a scripted body. */
const CALLS: {
  name: string
  call: (cache: Manager) => Promise<unknown>
  method: string
  url: string
  body: unknown
  answer: unknown
  result: unknown
}[] = [
  {
    name: 'get (an object)',
    call: (c) => c.get('user:1 a+b&x'),
    method: 'GET',
    url: `${CACHE}?key=user%3A1%20a%2Bb%26x`,
    body: undefined,
    answer: { a: 1 },
    result: { data: { a: 1 }, errors: null },
  },
  {
    name: 'get (a primitive)',
    call: (c) => c.get('n'),
    method: 'GET',
    url: `${CACHE}?key=n`,
    body: undefined,
    answer: { value: 3 },
    result: { data: { value: 3 }, errors: null },
  },
  {
    name: 'get (missing)',
    call: (c) => c.get('gone'),
    method: 'GET',
    url: `${CACHE}?key=gone`,
    body: undefined,
    answer: null,
    result: { data: null, errors: null },
  },
  {
    name: 'set',
    call: (c) => c.set('k', { v: [1] }, 60),
    method: 'POST',
    url: CACHE,
    body: { key: 'k', value: { v: [1] }, ttl: 60 },
    answer: {},
    result: { errors: null },
  },
  {
    name: 'set with ttl 0 (dropped)',
    call: (c) => c.set('k', 'v', 0),
    method: 'POST',
    url: CACHE,
    body: { key: 'k', value: 'v' },
    answer: {},
    result: { errors: null },
  },
  {
    name: 'delete one key',
    call: (c) => c.delete('k'),
    method: 'DELETE',
    url: CACHE,
    body: { keys: ['k'] },
    answer: {},
    result: { errors: null },
  },
  {
    name: 'delete several keys',
    call: (c) => c.delete(['a', 'b']),
    method: 'DELETE',
    url: CACHE,
    body: { keys: ['a', 'b'] },
    answer: {},
    result: { errors: null },
  },
  {
    name: 'increment (defaults)',
    call: (c) => c.increment('n'),
    method: 'POST',
    url: `${CACHE}/increment`,
    body: { key: 'n', increment: 1 },
    answer: { value: 1 },
    result: { data: { value: 1 }, errors: null },
  },
  {
    name: 'decrement with a ttl',
    call: (c) => c.decrement('n', 5, 30),
    method: 'POST',
    url: `${CACHE}/decrement`,
    body: { key: 'n', decrement: 5, ttl: 30 },
    answer: { value: -4 },
    result: { data: { value: -4 }, errors: null },
  },
  {
    name: 'expire',
    call: (c) => c.expire('k', 0),
    method: 'POST',
    url: `${CACHE}/expire`,
    body: { key: 'k', ttl: 0 },
    answer: {},
    result: { errors: null },
  },
  {
    name: 'getStats',
    call: (c) => c.getStats(),
    method: 'GET',
    url: `${CACHE}/stats`,
    body: undefined,
    answer: { keys: 1, bytes: 9 },
    result: { data: { keys: 1, bytes: 9 }, errors: null },
  },
  {
    name: 'listKeys',
    call: (c) => c.listKeys('h*llo', 'm.abc'),
    method: 'POST',
    url: `${CACHE}/list-keys`,
    body: { pattern: 'h*llo', next: 'm.abc' },
    answer: { data: [{ key: 'hello', value: 1 }], next: null },
    result: { data: [{ key: 'hello', value: 1 }], next: null, errors: null },
  },
  {
    name: 'listKeys without arguments',
    call: (c) => c.listKeys(),
    method: 'POST',
    url: `${CACHE}/list-keys`,
    body: {},
    answer: { data: [], next: 'c1' },
    result: { data: [], next: 'c1', errors: null },
  },
]

describe('CacheManager', () => {
  it('is created once, lazily, by the client', () => {
    const client = createClient(server.url, 'ck')
    expect(client.cache).toBeInstanceOf(CacheManager)
    expect(client.cache).toBe(client.cache)
  })

  it.each(CALLS)('$name sends the exact request and shapes the answer', async (c) => {
    server.reply(json(200, c.answer))
    const result = await c.call(cache)
    const request = server.last()
    expect([request.method, request.url]).toEqual([c.method, c.url])
    expect(request.headers['x-client-key']).toBe('ck')
    if (c.body === undefined) expect(request.body).toBe('')
    else {
      expect(JSON.parse(request.body)).toEqual(c.body)
      expect(request.headers['content-type']).toContain('application/json')
    }
    expect(result).toEqual(c.result)
  })

  it('returns the server errors of every method', async () => {
    const body = {
      errors: [{ origin: 'client_error', code: 'cache_value_not_integer', message: 'm' }],
    }
    server.reply(json(400, body, 'Bad Request'))
    expect(await cache.increment('word')).toEqual({
      data: null,
      errors: { status: 400, statusText: 'Bad Request', items: body.errors },
    })
    server.reply(json(400, body, 'Bad Request'))
    expect((await cache.listKeys()).errors?.items[0]?.code).toBe('cache_value_not_integer')
    server.reply(json(413, body, 'Payload Too Large'))
    expect((await cache.set('k', 'v')).errors?.status).toBe(413)
  })

  it('answers an empty list instead of throwing on an empty 200 from listKeys', async () => {
    server.reply({ status: 200, body: '' })
    expect(await cache.listKeys()).toEqual({ data: null, next: null, errors: null })
  })
})
