import type { IncomingMessage } from 'node:http'
import Fastify from 'fastify'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { AppHandler, HandlerLoader } from '../src/adapters/code/handler-loader.js'
import { registerErrorEnvelope } from '../src/api/plugins/error-envelope.js'
import { requestIdGenerator } from '../src/api/plugins/request-id.js'
import { registerEndpointRoutes } from '../src/api/routes/endpoints/endpoint-routes.js'
import type { EndpointDeps } from '../src/api/routes/endpoints/endpoint-routes.js'
import { endpointSchema } from '../src/config/functions-config.js'
import type { AuthContext } from '../src/core/auth/auth-context.js'
import { HandlerContextFactory } from '../src/core/functions/context-factory.js'
import type { ServerApi } from '../src/core/functions/server-api.js'
import type { SessionResolver } from '../src/core/sessions/session-resolver.js'
import '../src/api/request-context.js'

/** A loader answering `make(n)` for the n-th load; `reload`: a new promise on every load. */
function fakeLoader(make: (loads: number) => Promise<AppHandler>, reload: boolean) {
  const counts = { loads: 0 }
  let kept: Promise<AppHandler> | undefined
  const loader: HandlerLoader = {
    load: () => {
      if (!reload && kept) return kept
      counts.loads++
      kept = make(counts.loads)
      return kept
    },
  }
  return { loader, counts }
}

/** An app with one endpoint GET /x served by `loader`. */
async function appWith(loader: HandlerLoader) {
  const app = Fastify({ logger: false })
  app.decorateRequest('session', null)
  registerErrorEnvelope(app)
  const deps: EndpointDeps = {
    endpoints: [endpointSchema.parse({ method: 'GET', path: '/x', handler: 'h.ts' })],
    loader,
    contexts: new HandlerContextFactory({
      parameters: {},
      logger: pino({ level: 'silent' }),
      api: () => ({}) as ServerApi,
      appName: 'test',
      mode: 'development',
      baseUrl: () => 'http://localhost',
    }),
    mode: 'development',
    auth: {} as AuthContext,
    sessions: {} as SessionResolver,
  }
  await registerEndpointRoutes(app, deps)
  await app.ready()
  return app
}

const handlerOf = (fn: (...args: never[]) => unknown) => Promise.resolve(fn as AppHandler)

describe('the endpoint request path', () => {
  it('keeps a loaded handler: one load, then synchronous and async answers', async () => {
    const { loader, counts } = fakeLoader(() => handlerOf(() => ({ sync: true })), false)
    const app = await appWith(loader)
    for (let i = 0; i < 3; i++) {
      const response = await app.inject({ url: '/x' })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ sync: true })
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    }
    expect(counts.loads).toBe(1)
    await app.close()
  })

  it('uses the newest handler of a loader that reloads on every call', async () => {
    const { loader, counts } = fakeLoader(
      (n) =>
        handlerOf(async (_context: object, res: { status(code: number): unknown }) => {
          res.status(201)
          return { version: n }
        }),
      true,
    )
    const app = await appWith(loader)
    const first = await app.inject({ url: '/x' })
    const second = await app.inject({ url: '/x' })
    expect(first.statusCode).toBe(201)
    expect(second.json()).toEqual({ version: counts.loads })
    expect(first.json().version).toBeLessThan(second.json().version)
    await app.close()
  })

  it('answers the error envelope when a handler throws synchronously or its load fails', async () => {
    let fail = false
    const { loader } = fakeLoader(
      () =>
        fail
          ? Promise.reject(new Error('module gone'))
          : handlerOf(() => {
              throw new Error('sync failure')
            }),
      true,
    )
    const app = await appWith(loader)
    const thrown = await app.inject({ url: '/x' })
    expect(thrown.statusCode).toBe(500)
    expect(thrown.json().errors[0]).toMatchObject({ code: 'handler_error' })
    expect(thrown.json().errors[0].message).toMatch(/sync failure/)
    fail = true
    const missing = await app.inject({ url: '/x' })
    expect(missing.statusCode).toBe(500)
    expect(missing.json().errors).toHaveLength(1)
    await app.close()
  })
})

describe('request ids', () => {
  const request = (given?: string) =>
    ({ headers: given === undefined ? {} : { 'x-request-id': given } }) as IncomingMessage

  it('are unique per request and per process', () => {
    const next = requestIdGenerator()
    const other = requestIdGenerator()
    const ids = Array.from({ length: 1000 }, () => next(request()))
    expect(new Set(ids).size).toBe(1000)
    expect(ids[0]).toMatch(/^[0-9a-z]{6}-1$/)
    expect(other(request())).not.toBe(ids[0])
    // Under 13 characters, up to the last counter value: V8 keeps such strings flat.
    expect(Math.max(...ids.map((id) => id.length))).toBeLessThanOrEqual(12)
    expect((36 ** 5 - 1).toString(36)).toHaveLength(5)
  })

  it('draws a new prefix when the counter reaches its limit', () => {
    const next = requestIdGenerator(3)
    const ids = Array.from({ length: 7 }, () => next(request()))
    const prefixes = ids.map((id) => id.slice(0, 7))
    expect(ids.map((id) => id.slice(7))).toEqual(['1', '2', '3', '1', '2', '3', '1'])
    expect(new Set(prefixes.slice(0, 3)).size).toBe(1)
    expect(prefixes[3]).not.toBe(prefixes[0])
    expect(new Set(ids).size).toBe(7)
  })

  it("echo a sane caller's id, never an unsafe one", () => {
    const next = requestIdGenerator()
    expect(next(request('trace-42:a.b'))).toBe('trace-42:a.b')
    expect(next(request('bad id\r\n'))).toMatch(/^[0-9a-z]{6}-\w+$/)
    expect(next(request('x'.repeat(65)))).toMatch(/^[0-9a-z]{6}-\w+$/)
  })
})
