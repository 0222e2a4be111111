import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { createKey } from '../src/core/keys/create-key.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { endpointsOverrides } from './endpoints-app.js'

describe.each(pgTargets())('app endpoints on $name PostgreSQL', (target) => {
  let t: TestServer
  const inject = (options: Parameters<TestServer['server']['app']['inject']>[0]) =>
    t.server.app.inject(options)

  beforeAll(async () => {
    t = await startTestServer(target, endpointsOverrides('development'))
  })
  afterAll(() => t.close())

  it('passes path params, query, body and headers to the handler; the value is JSON', async () => {
    const response = await inject({
      method: 'POST',
      url: '/echo/42?page=2&tag=a',
      headers: { 'x-custom': 'v' },
      payload: { hello: 'world' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.json()).toEqual({
      params: { id: '42' },
      query: { page: '2', tag: 'a' },
      body: { hello: 'world' },
      custom: 'v',
    })
  })

  it('holds each endpoint to its own body limit, else the server default (1 MiB)', async () => {
    const small = await inject({
      method: 'POST',
      url: '/small',
      payload: { text: 'x'.repeat(100) },
    })
    expect(small.statusCode).toBe(413)
    expect(small.json().errors[0].code).toBe('payload_too_large')
    const fits = await inject({ method: 'POST', url: '/small', payload: { text: 'x' } })
    expect(fits.statusCode).toBe(200)
    const twoMiB = Buffer.alloc(2 * 1024 * 1024, 1)
    const headers = { 'content-type': 'application/octet-stream' }
    const large = await inject({ method: 'POST', url: '/large', headers, payload: twoMiB })
    expect(large.statusCode).toBe(204)
    const byDefault = await inject({ method: 'POST', url: '/nothing', headers, payload: twoMiB })
    expect(byDefault.statusCode).toBe(413)
  })

  it('answers a string as text', async () => {
    const response = await inject({ method: 'GET', url: '/hello/ada' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/plain/)
    expect(response.body).toBe('hello ada')
  })

  it('gives handlers the app parameters', async () => {
    const response = await inject({ method: 'GET', url: '/params' })
    expect(response.json()).toEqual({ currency: 'EUR', retries: 3 })
  })

  it('answers bytes with the status and type the handler set', async () => {
    const response = await inject({ method: 'GET', url: '/bytes' })
    expect(response.statusCode).toBe(202)
    expect(response.headers['content-type']).toBe('image/png')
    expect([...response.rawPayload]).toEqual([0x89, 0x50, 0x4e, 0x47])
  })

  it('answers 204 when the handler returns nothing', async () => {
    const response = await inject({ method: 'POST', url: '/nothing' })
    expect(response.statusCode).toBe(204)
  })

  it('runs an Altogic full-code function: req.ids, req.appParams, res.status(201).json()', async () => {
    const response = await inject({
      method: 'POST',
      url: '/orders/o-7',
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone; Mobile)' },
      payload: { item: 'tea' },
    })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({
      orderId: 'o-7',
      item: 'tea',
      currency: 'EUR',
      app: 'endpoints-test',
      deviceType: 'mobile',
    })
  })

  it("supports Altogic's res.json(value, status) and res.send(text, status)", async () => {
    const legacy = await inject({ method: 'POST', url: '/orders/o-8?legacy=1' })
    expect(legacy.statusCode).toBe(201)
    expect(legacy.json()).toEqual({ created: 'o-8' })
    const text = await inject({ method: 'POST', url: '/orders/o-9?format=text' })
    expect(text.statusCode).toBe(200)
    expect(text.body).toBe('order o-9')
  })

  it('reads multipart uploads: fields in body, files in files[]', async () => {
    const form = new FormData()
    form.append('title', 'notes')
    form.append('doc', new Blob(['hello file'], { type: 'text/plain' }), 'a.txt')
    const encoded = new Request('http://x/', { method: 'POST', body: form })
    const response = await inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      fields: { title: 'notes' },
      files: [
        {
          fieldName: 'doc',
          fileName: 'a.txt',
          encoding: '7bit',
          mimeType: 'text/plain',
          size: 10,
          text: 'hello file',
        },
      ],
    })
  })

  it('answers a JSON 404 for an unknown path', async () => {
    const response = await inject({ method: 'GET', url: '/no/such/path' })
    expect(response.statusCode).toBe(404)
    expect(response.json().errors[0]).toMatchObject({ code: 'resource_not_found' })
  })

  it('answers 401 with the session codes when a session is required', async () => {
    const missing = await inject({ method: 'GET', url: '/me' })
    expect(missing.statusCode).toBe(401)
    expect(missing.json().errors[0].code).toBe('missing_session_token')
    const invalid = await inject({ method: 'GET', url: '/me', headers: { session: 'nope' } })
    expect(invalid.statusCode).toBe(401)
    expect(invalid.json().errors[0].code).toBe('invalid_session_token')
  })

  it('requires an API key in Authorization when the endpoint asks for one', async () => {
    const missing = await inject({ method: 'GET', url: '/keyed' })
    expect(missing.statusCode).toBe(401)
    expect(missing.json().errors[0].code).toBe('missing_api_key')
    const { secret } = await createKey(t.server.database.db, { type: 'api', name: 'endpoints' })
    const allowed = await inject({
      method: 'GET',
      url: '/keyed',
      headers: { authorization: secret },
    })
    expect(allowed.statusCode).toBe(200)
  })

  it("shows the handler's message in development, as handler_error 500", async () => {
    const response = await inject({ method: 'GET', url: '/broken' })
    expect(response.statusCode).toBe(500)
    const error = response.json().errors[0]
    expect(error.code).toBe('handler_error')
    expect(error.message).toContain('the secret recipe is missing')
    expect(response.body).not.toContain('at ')
  })

  it('answers handler_timeout 504 when the handler runs past its time limit', async () => {
    const response = await inject({ method: 'GET', url: '/slow' })
    expect(response.statusCode).toBe(504)
    expect(response.json().errors[0].code).toBe('handler_timeout')
  })

  it('lets handlers read and write a model without access rules, through api.db', async () => {
    const direct = await inject({
      method: 'POST',
      url: '/_api/rest/v1/db/get',
      headers: { 'x-client-key': t.clientKey },
      payload: { model: 'secrets' },
    })
    expect(direct.statusCode).toBeGreaterThanOrEqual(400)
    const response = await inject({ method: 'POST', url: '/notes', payload: { text: 'hidden' } })
    expect(response.statusCode).toBe(200)
    const answer = response.json()
    expect(answer.errors).toBeNull()
    expect(answer.listed).toEqual([expect.objectContaining({ text: 'hidden' })])
  })

  it('lets handlers use api.cache in-process', async () => {
    const response = await inject({ method: 'GET', url: '/cached/k1' })
    expect(response.json()).toEqual({ data: { seen: true }, errors: null })
  })

  it('does not give outside requests app rights for a forged app-code header', async () => {
    const response = await inject({
      method: 'POST',
      url: '/_api/rest/v1/db/get',
      headers: { 'x-basalt-app-code': 'guess' },
      payload: { model: 'secrets' },
    })
    expect(response.statusCode).toBe(401)
  })
})

describe.each(pgTargets())('app endpoints in production on $name PostgreSQL', (target) => {
  let server: BasaltServer
  let database: TestDatabase

  beforeAll(async () => {
    database = await createTestDatabase(target)
    server = await createServer(
      parseServerConfig({
        ...DEFAULT_CONFIG,
        ...endpointsOverrides('production'),
        port: 0,
        logLevel: 'silent',
        dataDir: join(tmpdir(), 'basalt-unused-data'),
        databaseUrl: database.url,
      }),
    )
  })
  afterAll(async () => {
    await server.close()
    await database.drop()
  })

  it('answers a generic handler_error 500 without the message', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/broken' })
    expect(response.statusCode).toBe(500)
    const error = response.json().errors[0]
    expect(error.code).toBe('handler_error')
    expect(response.body).not.toContain('secret recipe')
  })
})
