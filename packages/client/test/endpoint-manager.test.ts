import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, EndpointManager } from '../src/index.js'
import {
  fetcherOf,
  json,
  memoryStorage,
  sessionWith,
  startCaptureServer,
} from './capture-server.js'
import type { CaptureServer } from './capture-server.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

const endpoint = () => createClient(server.url, 'ck').endpoint

describe('client.endpoint', () => {
  it('is an EndpointManager created once', () => {
    const client = createClient(server.url, 'ck')
    expect(client.endpoint).toBeInstanceOf(EndpointManager)
    expect(client.endpoint).toBe(client.endpoint)
  })
})

describe('endpoint requests', () => {
  it('get encodes the query as captured from the published client and merges headers', async () => {
    await endpoint().get(
      '/orders/1',
      { a: 1, o: { x: 1 }, n: null, s: 'a b&c' },
      { 'X-Custom': 'v' },
    )
    const req = server.last()
    expect(req.method).toBe('GET')
    expect(req.url).toBe('/orders/1?a=1&o=%7B%22x%22%3A1%7D&n=&s=a%20b%26c')
    expect(req.headers['x-custom']).toBe('v')
    expect(req.headers['x-client']).toBe('altogic-js')
    expect(req.headers['x-client-key']).toBe('ck')
    expect(req.headers['content-type']).toBeUndefined()
    expect(req.body).toBe('')
  })

  it('encodes arrays, booleans, undefined and keeps key order', async () => {
    await endpoint().get('/q', { z: [1, 'a'], t: true, f: false, u: undefined, zero: 0 })
    expect(server.last().url).toBe('/q?z=%5B1%2C%22a%22%5D&t=true&f=false&u=&zero=0')
  })

  it('adds a leading slash and trims the path; no query gives no "?"', async () => {
    await endpoint().get('  orders ')
    expect(server.last().url).toBe('/orders')
    await endpoint().get('/orders', {})
    expect(server.last().url).toBe('/orders')
  })

  it('joins the query with "&" when the path already has one (published: a second "?")', async () => {
    await endpoint().get('/orders?x=1', { y: 2 })
    expect(server.last().url).toBe('/orders?x=1&y=2')
  })

  it.each([
    ['post', 'POST'],
    ['put', 'PUT'],
    ['delete', 'DELETE'],
  ] as const)('%s sends a JSON body, the query and the headers', async (verb, method) => {
    await endpoint()[verb]('/items/7', { name: 'n', list: [1] }, { v: 2 }, { 'X-Trace': 't' })
    const req = server.last()
    expect(req.method).toBe(method)
    expect(req.url).toBe('/items/7?v=2')
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['x-trace']).toBe('t')
    expect(req.body).toBe('{"name":"n","list":[1]}')
  })

  it.each(['post', 'put', 'delete'] as const)('%s without a body sends none', async (verb) => {
    await endpoint()[verb]('/items')
    const req = server.last()
    expect(req.body).toBe('')
    expect(req.headers['content-type']).toBeUndefined()
    await endpoint()[verb]('/items', null, { a: 1 })
    expect(server.last().url).toBe('/items?a=1')
    expect(server.last().body).toBe('')
  })

  it('a JSON body replaces a caller Content-Type', async () => {
    await endpoint().post('/items', { a: 1 }, {}, { 'content-type': 'text/plain' })
    expect(server.last().headers['content-type']).toBe('application/json')
  })

  it('a JSON array body is sent as JSON', async () => {
    await endpoint().post('/items', [{ a: 1 }, { a: 2 }])
    expect(server.last().body).toBe('[{"a":1},{"a":2}]')
  })

  it('sends a FormData body as multipart, dropping a caller Content-Type', async () => {
    const form = new FormData()
    form.append('name', 'photo')
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt')
    await endpoint().post('/upload', form, null, { 'Content-Type': 'application/json' })
    const req = server.last()
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(req.body).toContain('name="name"')
    expect(req.body).toContain('photo')
    expect(req.body).toContain('filename="a.txt"')
    expect(req.body).toContain('hello')
  })

  it('wraps a Blob body as the multipart field "file"', async () => {
    await endpoint().put('/upload', new Blob(['bytes']))
    const req = server.last()
    expect(req.method).toBe('PUT')
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(req.body).toContain('name="file"')
    expect(req.body).toContain('bytes')
  })

  it('sends the apiKey and the session, and lets call headers override both', async () => {
    const client = createClient(server.url, 'ck', { apiKey: 'key-1' })
    fetcherOf(client).setSession(sessionWith('tok-1'))
    await client.endpoint.get('/me')
    expect(server.last().headers.authorization).toBe('key-1')
    expect(server.last().headers.session).toBe('tok-1')
    await client.endpoint.get('/me', {}, { Authorization: 'key-2', Session: 'tok-2' })
    expect(server.last().headers.authorization).toBe('key-2')
    expect(server.last().headers.session).toBe('tok-2')
    await client.endpoint.get('/me')
    expect(server.last().headers.authorization).toBe('key-1') // defaults are not modified
  })

  it('does not modify the caller headers or query', async () => {
    const headers = { 'Content-Type': 'text/plain', X: '1' }
    const query = { a: { b: 1 } }
    await endpoint().post('/items', { a: 1 }, query, headers)
    expect(headers).toEqual({ 'Content-Type': 'text/plain', X: '1' })
    expect(query).toEqual({ a: { b: 1 } })
  })
})

describe('endpoint answers', () => {
  it('json (default) parses the body, any JSON value', async () => {
    server.reply(json(200, { id: 1 }), json(201, [1, 2]), json(200, false), json(200, 'str'))
    const e = endpoint()
    expect(await e.get('/a')).toEqual({ data: { id: 1 }, errors: null })
    expect(await e.post('/a', { x: 1 })).toEqual({ data: [1, 2], errors: null })
    expect(await e.put('/a')).toEqual({ data: false, errors: null })
    expect(await e.delete('/a')).toEqual({ data: 'str', errors: null })
  })

  it('json gives data null for an empty, 204 or non-JSON body', async () => {
    server.reply({ status: 200, body: '' }, { status: 204 }, { status: 200, body: 'plain' })
    const e = endpoint()
    expect(await e.get('/a')).toEqual({ data: null, errors: null })
    expect(await e.delete('/a')).toEqual({ data: null, errors: null })
    expect(await e.get('/a', {}, {}, 'json')).toEqual({ data: null, errors: null })
  })

  it('text returns the body as a string', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' })
    expect(await endpoint().get('/report', {}, {}, 'text')).toEqual({
      data: 'a,b\n1,2',
      errors: null,
    })
    server.reply({ status: 200, body: '{"a":1}' })
    expect(await endpoint().post('/x', {}, {}, {}, 'text')).toEqual({
      data: '{"a":1}',
      errors: null,
    })
  })

  it('blob returns a Blob of the body', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'image/png' }, body: 'PNGDATA' })
    const { data, errors } = await endpoint().get('/img', undefined, undefined, 'blob')
    expect(errors).toBeNull()
    expect(data).toBeInstanceOf(Blob)
    expect(await data?.text()).toBe('PNGDATA')
    expect(data?.type).toBe('image/png')
  })

  it('arraybuffer returns an ArrayBuffer of the body', async () => {
    server.reply({ status: 200, body: 'abc' })
    const { data, errors } = await endpoint().put('/bin', null, null, null, 'arraybuffer')
    expect(errors).toBeNull()
    expect(data).toBeInstanceOf(ArrayBuffer)
    expect([...new Uint8Array(data!)]).toEqual([97, 98, 99])
  })

  it('an empty body with text, blob or arraybuffer is empty data, not null', async () => {
    server.reply({ status: 200, body: '' }, { status: 200, body: '' }, { status: 200, body: '' })
    expect((await endpoint().get('/e', {}, {}, 'text')).data).toBe('')
    expect((await endpoint().get('/e', {}, {}, 'blob')).data?.size).toBe(0)
    expect((await endpoint().get('/e', {}, {}, 'arraybuffer')).data?.byteLength).toBe(0)
  })

  it('an error answer gives errors whatever the resolve type', async () => {
    const body = { errors: [{ origin: 'client_error', code: 'not_allowed', message: 'no' }] }
    const errors = { status: 403, statusText: 'Forbidden', items: body.errors }
    for (const type of ['json', 'text', 'blob', 'arraybuffer'] as const) {
      server.reply(json(403, body))
      expect(await endpoint().get('/a', {}, {}, type)).toEqual({ data: null, errors })
    }
  })

  it('normalises a single error object and a bare body into items', async () => {
    server.reply(json(400, { errors: { code: 'one' } }), json(500, { message: 'bare' }))
    expect((await endpoint().post('/a')).errors?.items).toEqual([{ code: 'one' }])
    expect((await endpoint().post('/a')).errors?.items).toEqual([{ message: 'bare' }])
  })

  it('a non-JSON error body is invalid_response_body instead of hanging', async () => {
    server.reply({ status: 502, reason: 'Bad Gateway', body: '<html>down</html>' })
    const { data, errors } = await endpoint().get('/a')
    expect(data).toBeNull()
    expect(errors?.status).toBe(502)
    expect(errors?.items[0]?.code).toBe('invalid_response_body')
  })

  it('a session error from an app endpoint signs the user out', async () => {
    const storage = memoryStorage({
      session: JSON.stringify(sessionWith('tok')),
      user: JSON.stringify({ _id: 'u1' }),
    })
    const client = createClient(server.url, 'ck', { localStorage: storage })
    await client.endpoint.get('/me')
    expect(server.last().headers.session).toBe('tok')
    server.reply(json(401, { errors: [{ code: 'invalid_session_token', message: 'x' }] }))
    const { errors } = await client.endpoint.get('/me')
    expect(errors?.status).toBe(401)
    expect(storage.entries.has('session')).toBe(false)
    expect(storage.entries.has('user')).toBe(false)
    await client.endpoint.get('/me')
    expect(server.last().headers.session).toBeUndefined()
  })

  it('a network failure resolves network_error', async () => {
    server.reply('destroy')
    const { data, errors } = await endpoint().get('/a')
    expect(data).toBeNull()
    expect(errors?.items[0]?.code).toBe('network_error')
  })
})
