import { Writable } from 'node:stream'
import Fastify from 'fastify'
import type { FastifyBaseLogger } from 'fastify'
import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  attachRequestLogger,
  RequestLineController,
} from '../src/api/plugins/lazy-request-logger.js'
import { HandlerContextFactory } from '../src/core/functions/context-factory.js'
import type { ChildLogger } from '../src/core/functions/context-factory.js'
import type { ServerApi } from '../src/core/functions/server-api.js'

/** A pino logger writing JSON lines into `lines`, counting the children it makes. */
function recordingLogger(level: string) {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>)
      done()
    },
  })
  const logger = pino({ level }, stream)
  const made = { children: 0 }
  const child = logger.child.bind(logger)
  logger.child = ((...args: Parameters<typeof child>) => {
    made.children++
    return child(...args)
  }) as typeof logger.child
  return { logger, lines, made }
}

/**
 * A Fastify app given no logger, whose first hook attaches the lazy request logger of `logger`
 * (as the server's app does), and routes that log as asked. `onResponse`: add a response hook
 * too (the server's app has one at info), which makes Fastify report every completed request.
 */
async function appWith(logger: FastifyBaseLogger, { onResponse = false } = {}) {
  const app = Fastify({ logController: new RequestLineController() })
  app.addHook('onRequest', (request, reply, done) => {
    attachRequestLogger(request, reply, logger)
    done()
  })
  if (onResponse) app.addHook('onResponse', (_request, _reply, done) => done())
  app.get('/quiet', async () => ({ ok: true }))
  app.get('/info', async (request) => {
    request.log.info({ step: 1 }, 'info line')
    return { ok: true }
  })
  app.get('/warn', async (request) => {
    request.log.warn({ step: 2 }, 'warn line')
    request.log.warn('second line')
    return { ok: true }
  })
  app.get('/debug', async (request) => {
    request.log.level = 'debug'
    request.log.debug('debug line')
    return { level: request.log.level }
  })
  app.get('/twice', (_request, reply) => {
    reply.send({ first: true })
    reply.send({ second: true })
  })
  app.get('/listeners', (_request, reply) => {
    reply.send({ finish: reply.raw.listenerCount('finish') })
  })
  await app.ready()
  return app
}

describe('the lazy request logger', () => {
  it('makes no pino child for a request that logs nothing, or only below the level', async () => {
    const { logger, lines, made } = recordingLogger('warn')
    const app = await appWith(logger)
    const before = made.children
    expect((await app.inject({ url: '/quiet' })).statusCode).toBe(200)
    expect((await app.inject({ url: '/info' })).statusCode).toBe(200)
    expect(made.children).toBe(before)
    expect(lines.filter((line) => line.msg === 'info line')).toEqual([])
    await app.close()
  })

  it('writes enabled lines through one child bound to the request id', async () => {
    const { logger, lines, made } = recordingLogger('info')
    const app = await appWith(logger)
    const before = made.children
    await app.inject({ url: '/warn', headers: {} })
    expect(made.children).toBe(before + 1)
    const written = lines.filter((line) => line.msg === 'warn line' || line.msg === 'second line')
    expect(written).toHaveLength(2)
    expect(written[0]).toMatchObject({ level: 40, step: 2, requestId: expect.any(String) })
    expect(written[1]?.requestId).toBe(written[0]?.requestId)
    await app.inject({ url: '/info' })
    const info = lines.find((line) => line.msg === 'info line')
    expect(info).toMatchObject({ level: 30, step: 1 })
    expect(info?.requestId).not.toBe(written[0]?.requestId)
    await app.close()
  })

  it("writes Fastify's own lines about a request through it", async () => {
    const { logger, lines } = recordingLogger('warn')
    const app = await appWith(logger)
    const response = await app.inject({ url: '/twice' })
    expect(response.json()).toEqual({ first: true })
    const warning = lines.find((line) => line.level === 40)
    expect(warning).toMatchObject({ requestId: expect.any(String) })
    expect(JSON.stringify(warning)).toContain('Reply was already sent')
    await app.close()
  })

  it("leaves out Fastify's per-request lines, which would write the request and reply whole", async () => {
    const { logger, lines } = recordingLogger('info')
    const app = await appWith(logger, { onResponse: true })
    expect((await app.inject({ url: '/quiet' })).statusCode).toBe(200)
    expect((await app.inject({ url: '/nowhere' })).statusCode).toBe(404)
    await app.inject({ url: '/info' })
    expect(lines.map((line) => line.msg)).toEqual(['info line'])
    await app.inject({ url: '/twice' })
    expect(JSON.stringify(lines.at(-1))).toContain('Reply was already sent')
    await app.close()
  })

  it('leaves responses without the listeners Fastify adds when it has a logger', async () => {
    const { logger } = recordingLogger('warn')
    const app = await appWith(logger)
    const withLogger = Fastify({ loggerInstance: logger })
    withLogger.get('/listeners', (_request, reply) => {
      reply.send({ finish: reply.raw.listenerCount('finish') })
    })
    const ours = (await app.inject({ url: '/listeners' })).json<{ finish: number }>()
    const theirs = (await withLogger.inject({ url: '/listeners' })).json<{ finish: number }>()
    expect(ours.finish).toBe(theirs.finish - 1)
    await Promise.all([app.close(), withLogger.close()])
  })

  it("follows the parent's level until the request sets its own", async () => {
    const { logger, lines } = recordingLogger('info')
    const app = await appWith(logger)
    const response = await app.inject({ url: '/debug' })
    expect(response.json()).toEqual({ level: 'debug' })
    expect(lines.some((line) => line.msg === 'debug line')).toBe(true)
    expect(logger.level).toBe('info')
    await app.close()
  })
})

describe('the endpoint context', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  function factory() {
    const { logger, lines, made } = recordingLogger('info')
    let baseUrls = 0
    const contexts = new HandlerContextFactory({
      parameters: { currency: 'EUR' },
      logger: logger as unknown as ChildLogger,
      api: () => ({ marker: 'api' }) as unknown as ServerApi,
      appName: 'lazy-test',
      mode: 'development',
      baseUrl: () => (baseUrls++, 'http://127.0.0.1:1'),
    })
    return { contexts, lines, made, baseUrls: () => baseUrls }
  }

  const call = {
    request: {
      method: 'GET',
      path: '/x',
      params: { id: '1' },
      query: {},
      headers: { 'user-agent': 'Mozilla/5.0 (iPad)' },
      body: undefined,
      files: [],
      ip: '10.0.0.9',
    },
    session: null,
    user: null,
    requestId: 'req-lazy',
  }

  it('builds the logger, appInfo and client on first read only, then keeps them', () => {
    const { contexts, lines, made, baseUrls } = factory()
    const before = made.children
    const context = contexts.forEndpoint(call)
    expect(made.children).toBe(before)
    expect(baseUrls()).toBe(0)
    context.log.info('from the handler')
    expect(made.children).toBe(before + 1)
    expect(context.log).toBe(context.log)
    expect(lines.at(-1)).toMatchObject({ handler: 'endpoint', requestId: 'req-lazy' })
    expect(context.client).toEqual({ ip: '10.0.0.9', deviceType: 'tablet' })
    expect(context.appInfo).toMatchObject({
      appName: 'lazy-test',
      apiBaseUrl: 'http://127.0.0.1:1',
    })
    expect(context.appInfo).toBe(context.appInfo)
    expect(baseUrls()).toBe(1)
  })

  it('dates appInfo at the call, not at the first read', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2030-01-02T03:04:05.000Z'))
    const { contexts } = factory()
    const context = contexts.forEndpoint(call)
    vi.setSystemTime(new Date('2030-01-02T03:09:00.000Z'))
    expect(context.appInfo.executionStartDtm).toBe('2030-01-02T03:04:05.000Z')
  })

  it('reads like Altogic `req`: destructured, and spread for its request parts and api', () => {
    const { contexts } = factory()
    const context = contexts.forEndpoint(call)
    const { log, appInfo, client, ids, headers } = context
    expect(typeof log.info).toBe('function')
    expect(appInfo.appName).toBe('lazy-test')
    expect(client).toEqual({ ip: '10.0.0.9', deviceType: 'tablet' })
    expect(ids).toEqual({ id: '1' })
    expect(headers).toBe(call.request.headers)
    const spread = { ...context }
    expect(Object.keys(spread)).toEqual(
      expect.arrayContaining(['api', 'params', 'appParams', 'ids', 'query', 'headers', 'body']),
    )
    expect(spread.api).toEqual({ marker: 'api' })
  })
})
