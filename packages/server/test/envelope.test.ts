import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKey } from '../src/core/keys/create-key.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

const REST = '/_api/rest/v1'

/** Routes that exist only in these tests, to exercise the guards and the error handler. */
function addProbeRoutes(app: FastifyInstance): void {
  app.get(`${REST}/probe/db`, { config: { module: 'db' } }, async (request) => ({
    key: request.clientKey?.name,
  }))
  app.post(`${REST}/probe/signin`, { config: { module: 'auth', session: 'none' } }, async () => ({
    ok: true,
  }))
  app.post(
    `${REST}/probe/typed`,
    {
      config: { module: 'db' },
      schema: {
        body: {
          type: 'object',
          required: ['n'],
          properties: { n: { type: 'integer' } },
          additionalProperties: false,
        },
      },
    },
    async (request) => request.body,
  )
  app.get(`${REST}/probe/crash`, { config: { module: 'db' } }, async () => {
    throw new Error('secret internal detail at /srv/app.js:12')
  })
  app.get(`${REST}/probe/throw-string`, { config: { module: 'db' } }, async () => {
    throw 'not an error object'
  })
  app.get('/probe/endpoint', { config: { apiKey: 'required' } }, async (request) => ({
    key: request.apiKey?.name,
  }))
}

describe.each(pgTargets())('HTTP envelope and guards on $name PostgreSQL', (target) => {
  let t: TestServer
  let app: FastifyInstance
  const keys: Record<string, string> = {}

  beforeAll(async () => {
    t = await startTestServer(target)
    app = t.server.app
    addProbeRoutes(app)
    const db = t.server.database.db
    const make = async (name: string, spec: Parameters<typeof createKey>[1]) => {
      keys[name] = (await createKey(db, spec)).secret
    }
    await make('authOnly', { type: 'client', name: 'auth only', modules: ['auth'] })
    await make('enforced', { type: 'client', name: 'enforced', enforceSession: true })
    await make('limited', {
      type: 'client',
      name: 'limited',
      rateLimit: { max: 2, windowSeconds: 60 },
    })
    await make('domain', { type: 'client', name: 'domain', domains: ['app.test'] })
    await make('api', { type: 'api', name: 'api full' })
  })
  afterAll(() => t.close())

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers })
  const withKey = (key = t.clientKey) => ({ 'x-client-key': key })

  const expectError = (
    res: { statusCode: number; json(): unknown },
    status: number,
    code: string,
  ) => {
    expect(res.statusCode).toBe(status)
    const body = res.json() as { errors: Array<{ origin: string; code: string; message: string }> }
    expect(body.errors).toHaveLength(1)
    expect(body.errors[0]).toMatchObject({
      code,
      origin: status < 500 ? 'client_error' : 'server_error',
    })
    expect(typeof body.errors[0]!.message).toBe('string')
    return body.errors[0]!
  }

  it('answers health without a key', async () => {
    const res = await get('/_api/health')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'ok', database: { status: 'up' } })
  })

  it('requires a client key on every REST path, known or not', async () => {
    expectError(await get(`${REST}/probe/db`), 401, 'missing_client_key')
    expectError(await get(`${REST}/no/such/route`), 401, 'missing_client_key')
    expectError(await get(`${REST}/probe/db`, withKey('bck_wrong')), 401, 'invalid_client_key')
    expectError(await get(`${REST}/probe/db`, withKey(keys.api)), 401, 'invalid_client_key')
    const ok = await get(`${REST}/probe/db`, withKey())
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ key: 'development' })
  })

  it('answers unknown routes with a JSON 404, inside and outside the REST prefix', async () => {
    expectError(await get(`${REST}/no/such/route`, withKey()), 404, 'resource_not_found')
    const outside = expectError(await get('/no-such-endpoint?x=1'), 404, 'resource_not_found')
    expect(outside).toMatchObject({ details: { method: 'GET', path: '/no-such-endpoint' } })
  })

  it('refuses a module the key does not grant', async () => {
    const error = expectError(
      await get(`${REST}/probe/db`, withKey(keys.authOnly)),
      403,
      'module_not_allowed',
    )
    expect(error).toMatchObject({ details: { module: 'db' } })
  })

  it('checks the authorized domains against Origin, then Referer', async () => {
    const url = `${REST}/probe/db`
    expectError(await get(url, withKey(keys.domain)), 403, 'domain_not_allowed')
    expectError(
      await get(url, { ...withKey(keys.domain), origin: 'https://evil.test' }),
      403,
      'domain_not_allowed',
    )
    expect(
      (await get(url, { ...withKey(keys.domain), origin: 'https://app.test' })).statusCode,
    ).toBe(200)
    expect(
      (await get(url, { ...withKey(keys.domain), referer: 'https://app.test/page' })).statusCode,
    ).toBe(200)
  })

  it('needs a valid session when the key enforces sessions, except on sign-in routes', async () => {
    expectError(await get(`${REST}/probe/db`, withKey(keys.enforced)), 401, 'missing_session_token')
    const signin = await app.inject({
      method: 'POST',
      url: `${REST}/probe/signin`,
      headers: withKey(keys.enforced),
    })
    expect(signin.statusCode).toBe(200)
  })

  it('refuses a session token that does not resolve', async () => {
    const res = await get(`${REST}/probe/db`, { ...withKey(), session: 'stale-token' })
    expectError(res, 401, 'invalid_session_token')
  })

  it('rate-limits a key with a 429 envelope and Retry-After', async () => {
    const url = `${REST}/probe/db`
    expect((await get(url, withKey(keys.limited))).statusCode).toBe(200)
    expect((await get(url, withKey(keys.limited))).statusCode).toBe(200)
    const third = await get(url, withKey(keys.limited))
    expectError(third, 429, 'rate_limit_exceeded')
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('answers malformed JSON, wrong types, wrong media type and oversized bodies with JSON', async () => {
    const post = (payload: string, type = 'application/json') =>
      app.inject({
        method: 'POST',
        url: `${REST}/probe/typed`,
        headers: { ...withKey(), 'content-type': type },
        payload,
      })
    expectError(await post('{"n": 1'), 400, 'invalid_json')
    const typed = expectError(await post('{"n": "one"}'), 400, 'validation_error')
    expect(typed).toHaveProperty('details.issues')
    expectError(
      await post('n=1', 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
    )
    expectError(
      await post(JSON.stringify({ n: 1, pad: 'x'.repeat(2 * 1024 * 1024) })),
      413,
      'payload_too_large',
    )
    const good = await post('{"n": 1}')
    expect(good.json()).toEqual({ n: 1 })
  })

  it('accepts an empty JSON POST, as the Altogic client sends for body-less calls', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `${REST}/probe/signin`,
      headers: { ...withKey(), 'content-type': 'application/json' },
      payload: '',
    })
    expect(res.statusCode).toBe(200)
  })

  it('turns unexpected errors into a safe 500 with a request id and no stack', async () => {
    for (const path of ['crash', 'throw-string']) {
      const res = await get(`${REST}/probe/${path}`, {
        ...withKey(),
        'x-request-id': `req-${path}`,
      })
      const error = expectError(res, 500, 'internal_server_error')
      expect(error).toMatchObject({ details: { requestId: `req-${path}` } })
      expect(res.body).not.toMatch(/secret internal detail|at \/|\.js:/)
      expect(res.headers['x-request-id']).toBe(`req-${path}`)
    }
  })

  it('answers CORS preflights and responses with the reflected origin and credentials', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: `${REST}/db/get-list`,
      headers: {
        origin: 'https://app.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'x-client,x-client-key,session,authorization,content-type',
      },
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.test')
    expect(preflight.headers['access-control-allow-credentials']).toBe('true')
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('x-client-key')
    expect(String(preflight.headers['access-control-allow-methods'])).toMatch(
      /GET.*POST.*PUT.*DELETE/,
    )
    const denied = await get(`${REST}/probe/db`, { origin: 'https://app.test' })
    expect(denied.statusCode).toBe(401)
    expect(denied.headers['access-control-allow-origin']).toBe('https://app.test')
  })

  it('guards API-key routes: Authorization raw or Bearer, or ?apikey=', async () => {
    expectError(await get('/probe/endpoint'), 401, 'missing_api_key')
    expectError(
      await get('/probe/endpoint', { authorization: 'bak_wrong' }),
      401,
      'invalid_api_key',
    )
    expect((await get('/probe/endpoint', { authorization: keys.api! })).json()).toEqual({
      key: 'api full',
    })
    expect((await get('/probe/endpoint', { authorization: `Bearer ${keys.api}` })).statusCode).toBe(
      200,
    )
    expect((await get(`/probe/endpoint?apikey=${keys.api}`)).statusCode).toBe(200)
  })
})
