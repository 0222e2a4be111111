import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
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

const fetcher = () => fetcherOf(createClient(server.url, 'k'))
const entry = (code: string) => ({ origin: 'client_error', code, message: `m-${code}` })

describe('success decoding', () => {
  it('parses JSON by default', async () => {
    server.reply(json(200, { a: [1, 2] }))
    expect(await fetcher().get('/j')).toEqual({ data: { a: [1, 2] }, errors: null })
  })

  it.each([false, true, null, 0, 'str'])('returns the JSON scalar %j as is', async (value) => {
    server.reply(json(200, value))
    expect(await fetcher().get('/j')).toEqual({ data: value, errors: null })
  })

  it.each([
    ['a 204', { status: 204 }],
    ['an empty 200', { status: 200, body: '' }],
    ['a non-JSON 201', { status: 201, body: '<html>ok</html>' }],
  ])('turns %s into {data: null, errors: null}', async (_name, reply) => {
    server.reply(reply)
    expect(await fetcher().post('/x', { a: 1 })).toEqual({ data: null, errors: null })
  })

  it('reads text, blob and arraybuffer as asked', async () => {
    server.reply({ body: 'plain' }, { body: 'blob!' }, { body: 'abc' })
    expect((await fetcher().get('/t', {}, {}, 'text')).data).toBe('plain')
    const blob = (await fetcher().get('/b', {}, {}, 'blob')).data as Blob
    expect(blob).toBeInstanceOf(Blob)
    expect(await blob.text()).toBe('blob!')
    const buffer = (await fetcher().post('/a', null, {}, {}, 'arraybuffer')).data as ArrayBuffer
    expect(buffer).toBeInstanceOf(ArrayBuffer)
    expect(new TextDecoder().decode(buffer)).toBe('abc')
  })
})

describe('error decoding', () => {
  it.each([
    ['an errors array', { errors: [entry('a'), entry('b')] }, [entry('a'), entry('b')]],
    ['a single errors object', { errors: entry('one') }, [entry('one')]],
    ['a bare array', [entry('bare')], [entry('bare')]],
    ['any other object', { message: 'nope' }, [{ message: 'nope' }]],
  ])('normalises %s into items', async (_name, body, items) => {
    server.reply(json(422, body, 'Unprocessable Entity'))
    const result = await fetcher().get('/e')
    expect(result).toEqual({
      data: null,
      errors: { status: 422, statusText: 'Unprocessable Entity', items },
    })
  })

  it('keeps the server reason phrase and falls back to "Bad Request" when it is empty', async () => {
    server.reply(json(404, { errors: [] }, 'Gone Fishing'), json(500, { errors: [] }, ''))
    expect((await fetcher().get('/e')).errors).toMatchObject({
      status: 404,
      statusText: 'Gone Fishing',
    })
    expect((await fetcher().get('/e')).errors).toMatchObject({
      status: 500,
      statusText: 'Bad Request',
    })
  })

  it('turns a non-JSON error body into invalid_response_body, with the HTTP status', async () => {
    const page = `<html>${'x'.repeat(300)}</html>`
    server.reply({
      status: 502,
      reason: 'Bad Gateway',
      body: page,
      headers: { 'content-type': 'text/html' },
    })
    const { data, errors } = await fetcher().get('/proxy')
    expect(data).toBeNull()
    expect(errors).toMatchObject({ status: 502, statusText: 'Bad Gateway' })
    expect(errors?.items).toEqual([
      {
        origin: 'client_error',
        code: 'invalid_response_body',
        message: expect.any(String),
        details: { body: page.slice(0, 200) },
      },
    ])
  })

  it.each(['', 'null', '"oops"', '42'])(
    'turns the 401 body %j (not an object or array) into invalid_response_body',
    async (body) => {
      server.reply({ status: 401, body })
      const { errors } = await fetcher().get('/odd-401')
      expect(errors?.status).toBe(401)
      expect(errors?.items).toHaveLength(1)
      expect(errors?.items[0]).toMatchObject({ code: 'invalid_response_body', details: { body } })
    },
  )
})

describe('session invalidation', () => {
  /** A client with a stored session and user, and the storage behind it. */
  function signedIn() {
    const storage = memoryStorage({
      session: JSON.stringify(sessionWith('tok')),
      user: JSON.stringify({ _id: 'u1' }),
    })
    return { storage, client: createClient(server.url, 'k', { localStorage: storage }) }
  }

  it.each(['invalid_session_token', 'missing_session_token'])(
    'drops the session when an errors array holds %s (any status)',
    async (code) => {
      const { storage, client } = signedIn()
      server.reply(json(403, { errors: [entry('other'), entry(code)] }))
      const { errors } = await fetcherOf(client).get('/private')
      expect(server.last().headers.session).toBe('tok')
      expect(errors?.items[1]?.code).toBe(code)
      expect(storage.entries.size).toBe(0)
      expect(fetcherOf(client).getSessionToken()).toBeUndefined()
      await fetcherOf(client).get('/after')
      expect(server.last().headers.session).toBeUndefined()
    },
  )

  it.each([
    ['a single errors object', { errors: entry('invalid_session_token') }],
    ['a bare array', [entry('invalid_session_token')]],
    ['other codes', { errors: [entry('invalid_credentials')] }],
  ])('keeps the session for %s', async (_name, body) => {
    const { storage, client } = signedIn()
    server.reply(json(401, body))
    await fetcherOf(client).get('/private')
    expect(storage.entries.has('session')).toBe(true)
    expect(fetcherOf(client).getSessionToken()).toBe('tok')
  })
})

describe('no answer', () => {
  it('reports a socket closed by the server as network_error', async () => {
    server.reply('destroy')
    const { data, errors } = await fetcher().get('/drop')
    expect(data).toBeNull()
    expect(errors).toMatchObject({ status: 0, statusText: 'Network Error' })
    expect(errors?.items[0]).toMatchObject({ origin: 'client_error', code: 'network_error' })
    expect(errors?.items[0]?.details?.cause).toEqual(expect.any(String))
  })

  it('reports a refused connection as network_error with the cause', async () => {
    const closed = await startCaptureServer()
    await closed.close()
    const { errors } = await fetcherOf(createClient(closed.url, 'k')).post('/x', { a: 1 })
    expect(errors?.items[0]?.code).toBe('network_error')
    expect(errors?.items[0]?.details?.cause).toMatch(/ECONNREFUSED/)
  })

  it('reports a custom fetch that throws as network_error instead of rejecting', async () => {
    const fetch = () => {
      throw new TypeError('boom')
    }
    const { errors } = await fetcherOf(createClient(server.url, 'k', { fetch })).get('/x')
    expect(errors?.items[0]).toMatchObject({ code: 'network_error', details: { cause: 'boom' } })
  })
})
