import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REST_PREFIX } from '@basalt/protocol'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminTestServer } from '../../../test-support/admin.js'

describe.each(pgTargets())('admin keys on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startAdminTestServer(target)
  })
  afterAll(() => s?.close())

  /** GET /cache/stats with a client key: the status says whether the key is accepted. */
  const cacheStats = async (key: string, origin = 'https://app.example.test') => {
    const response = await s.t.server.app.inject({
      method: 'GET',
      url: `${REST_PREFIX}/cache/stats`,
      headers: { 'x-client-key': key, origin },
    })
    return { status: response.statusCode, code: response.json().errors?.[0]?.code }
  }

  it('lists keys without their secrets', async () => {
    const answer = await s.call('GET', '/keys')
    expect(answer.status).toBe(200)
    expect(answer.body.items).toHaveLength(1)
    const [development] = answer.body.items
    expect(development).toMatchObject({ type: 'client', revokedAt: null })
    expect(s.t.clientKey.startsWith(development.prefix)).toBe(true)
    expect(JSON.stringify(answer.body)).not.toContain(s.t.clientKey)
    expect(development).not.toHaveProperty('secret')
    expect(development).not.toHaveProperty('keyHash')
  })

  it('creates a client key whose secret is shown once and works at once', async () => {
    const created = await s.call('POST', '/keys', {
      type: 'client',
      name: 'Mobile app',
      modules: ['cache', 'cache'],
      domains: ['app.example.test'],
      rateLimit: { max: 100, windowSeconds: 60 },
      expiresAt: '2099-01-31',
    })
    expect(created.status).toBe(201)
    expect(created.headers['cache-control']).toBe('no-store')
    const { key, secret } = created.body
    expect(secret).toMatch(/^bck_/)
    expect(key).toMatchObject({
      type: 'client',
      name: 'Mobile app',
      prefix: secret.slice(0, 12),
      modules: ['cache'],
      domains: ['app.example.test'],
      rateLimit: { max: 100, windowSeconds: 60 },
      expiresAt: '2099-01-31T00:00:00.000Z',
      revokedAt: null,
    })
    expect((await cacheStats(secret)).status).toBe(200)
    expect(await cacheStats(secret, 'https://elsewhere.test')).toMatchObject({ status: 403 })
    const listed = await s.call('GET', '/keys')
    expect(listed.body.items[0].id).toBe(key.id)
    expect(JSON.stringify(listed.body)).not.toContain(secret)
  })

  it('creates an API key with listed endpoints and a default name', async () => {
    const created = await s.call('POST', '/keys', {
      type: 'api',
      access: 'allow',
      endpoints: ['/orders', 'POST /users/*'],
    })
    expect(created.status).toBe(201)
    expect(created.body.secret).toMatch(/^bak_/)
    expect(created.body.key).toMatchObject({
      type: 'api',
      name: 'api key',
      access: 'allow',
      endpoints: ['/orders', 'POST /users/*'],
      modules: [],
    })
  })

  it('refuses keys the CLI would refuse, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'client', access: 'read-only' }, 'access'],
      [{ type: 'client', endpoints: ['/a'] }, 'endpoints'],
      [{ type: 'api', enforceSession: true }, 'enforceSession'],
      [{ type: 'api', access: 'deny' }, 'endpoints'],
      [{ type: 'api', endpoints: ['/a'] }, 'endpoints'],
      [{ type: 'client', expiresAt: '2001-01-01' }, 'expiresAt'],
      [{ type: 'client', name: '   ' }, 'name'],
    ]
    for (const [body, field] of cases) {
      const answer = await s.call('POST', '/keys', body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.errors[0]).toMatchObject({ code: 'validation_error', details: { field } })
    }
    for (const body of [
      { type: 'secret' },
      { type: 'client', modules: ['nope'] },
      { type: 'client', rateLimit: { max: 0, windowSeconds: 60 } },
      { type: 'client', expiresAt: 'next week' },
      { type: 'api', access: 'allow', endpoints: ['orders'] },
      { type: 'client', color: 'red' },
    ]) {
      const answer = await s.call('POST', '/keys', body)
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.errors[0].code).toBe('validation_error')
    }
  })

  it('revokes a key at once, and answers 404 key_not_found for an unknown id', async () => {
    const { key, secret } = (await s.call('POST', '/keys', { type: 'client' })).body
    expect((await cacheStats(secret)).status).toBe(200)
    const revoked = await s.call('DELETE', `/keys/${key.id}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.id).toBe(key.id)
    expect(Date.parse(revoked.body.revokedAt)).toBeLessThanOrEqual(Date.now())
    // Every process forgets it when the revocation's notification arrives: here, at once.
    await expect
      .poll(() => cacheStats(secret), { timeout: 2000 })
      .toEqual({ status: 401, code: 'invalid_client_key' })
    const unknown = await s.call('DELETE', '/keys/000000000000000000000000')
    expect(unknown.status).toBe(404)
    expect(unknown.body.errors[0].code).toBe('key_not_found')
  })

  it('refuses calls without the admin token', async () => {
    const answer = await s.call('POST', '/keys', { type: 'client' }, { authorization: '' })
    expect(answer.status).toBe(401)
    expect(answer.body.errors[0].code).toBe('admin_session_required')
  })
})
