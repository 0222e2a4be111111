import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PREFIX, HEADERS, REST_PREFIX } from '@basalt/protocol'
import { createKey } from '../src/core/keys/create-key.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer, TEST_ADMIN } from '../../../test-support/admin.js'
import type { AdminTestServer } from '../../../test-support/admin.js'

describe.each(pgTargets())('admin accounts and sessions on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startAdminTestServer(target)
  })
  afterAll(() => s?.close())

  const signIn = (email: string, password: string, ip = '10.0.0.1') =>
    s.t.server.app.inject({
      method: 'POST',
      url: `${ADMIN_PREFIX}/auth/sign-in`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email, password }),
      remoteAddress: ip,
    })

  it('signs in with the right password and answers the admin with a token', async () => {
    const answer = await signIn(TEST_ADMIN.email.toUpperCase(), TEST_ADMIN.password)
    expect(answer.statusCode).toBe(200)
    const body = answer.json()
    expect(body.token).toMatch(/^adm_/)
    expect(body.admin).toMatchObject({ email: TEST_ADMIN.email })
    expect(body.admin.passwordHash).toBeUndefined()
    expect(answer.headers['cache-control']).toBe('no-store')
    const me = await s.call('GET', '/auth/me', undefined, { authorization: `Bearer ${body.token}` })
    expect(me.status).toBe(200)
    expect(me.body.admin.email).toBe(TEST_ADMIN.email)
    expect(me.body.admin.lastSignInAt).not.toBeNull()
  })

  it('refuses a wrong password or an unknown email with the same answer', async () => {
    const wrong = await signIn(TEST_ADMIN.email, 'not-the-password', '10.0.0.2')
    const unknown = await signIn('nobody@example.com', TEST_ADMIN.password, '10.0.0.2')
    for (const answer of [wrong, unknown]) {
      expect(answer.statusCode).toBe(401)
      expect(answer.json().errors[0].code).toBe('invalid_admin_credentials')
    }
  })

  it('answers 400 for a malformed sign-in body', async () => {
    const answer = await s.t.server.app.inject({
      method: 'POST',
      url: `${ADMIN_PREFIX}/auth/sign-in`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 42 }),
    })
    expect(answer.statusCode).toBe(400)
    expect(answer.json().errors[0].code).toBe('validation_error')
  })

  it('rate-limits sign-in attempts per email, whatever the password', async () => {
    const email = 'target@example.com'
    await s.t.server.admins.create(email, 'another-password-1')
    const codes: number[] = []
    for (let i = 0; i < 11; i++)
      codes.push((await signIn(email, 'guess', `10.1.0.${i}`)).statusCode)
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(codes[10]).toBe(429)
    // Even the right password is refused until the window ends.
    const right = await signIn(email, 'another-password-1', '10.1.0.99')
    expect(right.statusCode).toBe(429)
    expect(right.json().errors[0].code).toBe('rate_limit_exceeded')
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('rate-limits sign-in attempts per client address across emails', async () => {
    const codes: number[] = []
    for (let i = 0; i < 31; i++) {
      codes.push((await signIn(`probe${i}@example.com`, 'guess', '10.2.0.1')).statusCode)
    }
    expect(codes.slice(0, 30).every((code) => code === 401)).toBe(true)
    expect(codes[30]).toBe(429)
  })

  it('refuses calls without an admin token, and with app credentials in its place', async () => {
    const { secret: apiKey } = await createKey(s.t.server.database.db, { type: 'api', name: 'a' })
    const attempts: Record<string, string>[] = [
      { authorization: '' },
      { authorization: '', [HEADERS.clientKey]: s.t.clientKey },
      { authorization: `Bearer ${apiKey}` },
      { authorization: apiKey },
      { authorization: `Bearer ${s.t.clientKey}` },
    ]
    for (const headers of attempts) {
      const answer = await s.call('GET', '/auth/me', undefined, headers)
      expect(answer.status).toBe(401)
      expect(answer.body.errors[0].code).toBe('admin_session_required')
    }
  })

  it('refuses an app user session in place of an admin session', async () => {
    const signUp = await s.t.server.app.inject({
      method: 'POST',
      url: `${REST_PREFIX}/auth/signup-email`,
      headers: { 'content-type': 'application/json', [HEADERS.clientKey]: s.t.clientKey },
      payload: JSON.stringify({ email: 'user@example.com', password: 'user-password-1' }),
    })
    const token = signUp.json().session?.token as string
    expect(token).toBeTruthy()
    for (const headers of [
      { authorization: `Bearer ${token}` },
      { authorization: '', session: token },
    ]) {
      const answer = await s.call('GET', '/auth/me', undefined, headers)
      expect(answer.status).toBe(401)
    }
  })

  it('answers invalid_admin_session for an unknown token and after sign-out', async () => {
    const unknown = await s.call('GET', '/auth/me', undefined, { authorization: 'Bearer adm_x' })
    expect(unknown.body.errors[0].code).toBe('invalid_admin_session')
    const fresh = await s.t.server.admins.signIn(TEST_ADMIN.email, TEST_ADMIN.password, 'x')
    const auth = { authorization: `Bearer ${fresh.token}` }
    expect((await s.call('POST', '/auth/sign-out', undefined, auth)).status).toBe(204)
    const after = await s.call('GET', '/auth/me', undefined, auth)
    expect(after.status).toBe(401)
    expect(after.body.errors[0].code).toBe('invalid_admin_session')
    // The other session is untouched.
    expect((await s.call('GET', '/auth/me')).status).toBe(200)
  })

  it('does not resolve an expired session', async () => {
    const fresh = await s.t.server.admins.signIn(TEST_ADMIN.email, TEST_ADMIN.password, 'y')
    await s.t.server.database.db.query(
      `UPDATE basalt.admin_sessions SET expires_at = now() - interval '1 second'
       WHERE expires_at > now() + interval '11 hours' AND created_at > now() - interval '5 seconds'`,
    )
    const after = await s.call('GET', '/auth/me', undefined, {
      authorization: `Bearer ${fresh.token}`,
    })
    expect(after.body.errors[0].code).toBe('invalid_admin_session')
  })

  it('creates accounts with checked emails and passwords, once per email', async () => {
    const admins = s.t.server.admins
    await expect(admins.create('not-an-email', 'long-enough-pass')).rejects.toMatchObject({
      code: 'validation_error',
    })
    await expect(admins.create('short@example.com', 'short')).rejects.toMatchObject({
      code: 'validation_error',
    })
    await expect(
      admins.create(TEST_ADMIN.email.toUpperCase(), 'long-enough-pass'),
    ).rejects.toMatchObject({ code: 'admin_already_exists' })
    await admins.create('gone@example.com', 'long-enough-pass')
    await admins.delete('GONE@example.com')
    await expect(admins.delete('gone@example.com')).rejects.toMatchObject({
      code: 'admin_not_found',
    })
    const emails = (await admins.list()).map((admin) => admin.email)
    expect(emails).toContain(TEST_ADMIN.email)
    expect(emails).not.toContain('gone@example.com')
  })
})
