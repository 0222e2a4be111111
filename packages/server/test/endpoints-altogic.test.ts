import { createClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { endpointsOverrides } from './endpoints-app.js'

// The published altogic@2.3.9 client calling the app's endpoints on a listening server.
const within = <T>(promise: Promise<T>, ms = 5000): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ])

describe.each(pgTargets())('published altogic client calling endpoints on $name', (target) => {
  let t: TestServer
  let url: string

  beforeAll(async () => {
    t = await startTestServer(target, endpointsOverrides('development'))
    url = await t.server.listen()
  })
  afterAll(() => t.close())

  const client = () => createClient(url, t.clientKey)
  const query = { page: 2, o: { x: 1 }, s: 'a b&c' }
  const headers = { 'X-Custom': 'v' }
  const expected = (body: unknown) => ({
    params: { id: '7' },
    query: { page: '2', o: '{"x":1}', s: 'a b&c' },
    body,
    custom: 'v',
  })

  it('GETs with params, query and headers', async () => {
    const { data, errors } = await within(client().endpoint.get('/echo/7', query, headers))
    expect(errors).toBeNull()
    expect(data).toEqual(expected(undefined))
  })

  it('POSTs, PUTs and DELETEs a JSON body', async () => {
    const api = client().endpoint
    for (const call of [api.post, api.put, api.delete]) {
      const { data, errors } = await within(call.call(api, 'echo/7', { n: 1 }, query, headers))
      expect(errors).toBeNull()
      expect(data).toEqual(expected({ n: 1 }))
    }
  })

  it('reads a text answer with resolveType text', async () => {
    const { data } = await within(client().endpoint.get('/hello/ada', {}, {}, 'text'))
    expect(data).toBe('hello ada')
  })

  it('gets an Altogic function answer with status 201', async () => {
    const { data, errors } = await within(client().endpoint.post('/orders/o-1', { item: 'tea' }))
    expect(errors).toBeNull()
    expect(data).toMatchObject({ orderId: 'o-1', item: 'tea', currency: 'EUR' })
  })

  it('gets the session codes as errors for an endpoint that requires a session', async () => {
    const { data, errors } = await within(client().endpoint.get('/me'))
    expect(data).toBeNull()
    expect(errors?.status).toBe(401)
    expect(errors?.items[0]?.code).toBe('missing_session_token')
  })

  it("passes the signed-in client's session and user to the handler", async () => {
    const storage = new Map<string, string>()
    const alice = createClient(url, t.clientKey, {
      localStorage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
        removeItem: (key: string) => void storage.delete(key),
      },
    })
    const { user } = await within(alice.auth.signUpWithEmail('alice@x.test', 'password-1'))
    const { data, errors } = await within(alice.endpoint.get('/me'))
    expect(errors).toBeNull()
    expect(data).toEqual({ userId: user?._id, email: 'alice@x.test' })
  })

  it('gets handler_error as a JSON error', async () => {
    const { errors } = await within(client().endpoint.get('/broken'))
    expect(errors?.status).toBe(500)
    expect(errors?.items[0]?.code).toBe('handler_error')
  })
})
