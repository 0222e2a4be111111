import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { createKey } from '../src/core/keys/create-key.js'
import { revokeKey } from '../src/core/keys/revoke-key.js'
import { createTestDatabase, pgTargets, redisUrl } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'

// Two Basalt servers on one PostgreSQL (and one Redis when given) behave as one app.
describe.each(pgTargets())('two servers sharing $name PostgreSQL', (target) => {
  let database: TestDatabase
  let a: BasaltServer
  let b: BasaltServer
  const redis = redisUrl()

  beforeAll(async () => {
    database = await createTestDatabase(target)
    const config = parseServerConfig({
      ...DEFAULT_CONFIG,
      logLevel: 'silent',
      dataDir: '/nonexistent-unused',
      databaseUrl: database.url,
      ...(redis ? { redisUrl: redis } : {}),
    })
    // Started together: one migration run, one development key.
    ;[a, b] = await Promise.all([createServer(config), createServer(config)])
  })
  afterAll(async () => {
    await a.close()
    await b.close()
    await database.drop()
  })

  const ask = (server: BasaltServer, key: string) =>
    server.app.inject({ url: '/_api/rest/v1/nothing-here', headers: { 'x-client-key': key } })

  it('creates one development key between them', () => {
    expect([a.developmentKey, b.developmentKey].filter(Boolean)).toHaveLength(1)
  })

  it('refuses a key on B as soon as A revokes it', async () => {
    const { secret, record } = await createKey(a.database.db, { type: 'client', name: 'shared' })
    expect((await ask(a, secret)).statusCode).toBe(404)
    expect((await ask(b, secret)).statusCode).toBe(404) // cached on B now
    // Each process forgets the key when it hears the change, A included (revokeKey only
    // announces it): wait until both have heard.
    const heard = (server: BasaltServer) =>
      new Promise<void>((resolve) => void server.database.db.listen('basalt_keys', () => resolve()))
    const both = Promise.all([heard(a), heard(b)])
    await revokeKey(a.database.db, record.id)
    await both
    expect((await ask(b, secret)).json().errors[0].code).toBe('invalid_client_key')
    expect((await ask(a, secret)).json().errors[0].code).toBe('invalid_client_key')
  })

  it('refuses a session on B as soon as it is signed out on A', async () => {
    const key = (a.developmentKey ?? b.developmentKey)!.secret
    const headers = { 'x-client-key': key, 'content-type': 'application/json' }
    const up = await a.app.inject({
      method: 'POST',
      url: '/_api/rest/v1/auth/signup-email',
      headers,
      payload: { email: 'both@x.test', password: 'password-1' },
    })
    const token = up.json().session.token as string
    const me = (server: BasaltServer) =>
      server.app.inject({ url: '/_api/rest/v1/auth/user', headers: { ...headers, session: token } })
    expect((await me(b)).statusCode).toBe(200) // cached on B now
    const heard = new Promise<void>(
      (resolve) => void b.database.db.listen('basalt_sessions', () => resolve()),
    )
    await a.app.inject({
      method: 'POST',
      url: '/_api/rest/v1/auth/signout',
      headers: { ...headers, session: token },
      payload: {},
    })
    await heard
    expect((await me(b)).json().errors[0].code).toBe('invalid_session_token')
    expect((await me(a)).json().errors[0].code).toBe('invalid_session_token')
  })

  it.runIf(redis)('shares a key rate limit through Redis', async () => {
    const { secret } = await createKey(a.database.db, {
      type: 'client',
      name: 'limited',
      rateLimit: { max: 3, windowSeconds: 60 },
    })
    const codes = []
    for (const server of [a, b, a, b]) codes.push((await ask(server, secret)).statusCode)
    expect(codes).toEqual([404, 404, 404, 429])
  })
})
