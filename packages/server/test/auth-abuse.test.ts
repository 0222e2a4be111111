import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { latestMail, linkIn } from '../../../test-support/outbox.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

const AUTH = '/_api/rest/v1/auth'

describe.each(pgTargets())('auth abuse and bad input on $name PostgreSQL', (target) => {
  let t: TestServer
  let app: FastifyInstance
  let ip = 0
  // Each case comes from its own address unless it means to share one.
  const call = (method: 'GET' | 'POST', url: string, payload?: unknown, from = `10.0.0.${++ip}`) =>
    app.inject({
      method,
      url: `${AUTH}${url}`,
      headers: { 'x-client-key': t.clientKey, 'x-forwarded-for': from },
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  const code = (res: { json(): unknown }) =>
    (res.json() as { errors?: Array<{ code: string }> }).errors?.[0]?.code

  beforeAll(async () => {
    t = await startTestServer(target, { trustProxy: true })
    app = t.server.app
  })
  afterAll(() => t.close())

  it('locks an account against password guessing from many addresses', async () => {
    await call('POST', '/signup-email', { email: 'victim@x.test', password: 'password-1' })
    const answers = []
    for (let i = 0; i < 11; i++) {
      answers.push(
        code(
          await call('POST', '/signin-email', { email: 'victim@x.test', password: `guess-${i}` }),
        ),
      )
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill('invalid_credentials'))
    expect(answers[10]).toBe('rate_limit_exceeded')
    const locked = await call('POST', '/signin-email', {
      email: 'victim@x.test',
      password: 'password-1',
    })
    expect(locked.statusCode).toBe(429)
  })

  it('limits mails per address, saying nothing about whether the account exists', async () => {
    const answers = []
    for (let i = 0; i < 4; i++)
      answers.push((await call('POST', '/send-magic?email=ghost@x.test')).statusCode)
    expect(answers).toEqual([200, 200, 200, 429])
  })

  it('limits sign-ups from one address', async () => {
    const answers = []
    for (let i = 0; i < 11; i++) {
      const res = await call(
        'POST',
        '/signup-email',
        { email: `bulk${i}@x.test`, password: 'password-1' },
        '10.9.9.9',
      )
      answers.push(res.statusCode)
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(200))
    expect(answers[10]).toBe(429)
  })

  it.each([
    ['a body that is not an object', '/signup-email', [1, 2], 'validation_error'],
    ['a missing password', '/signup-email', { email: 'x@x.test' }, 'validation_error'],
    [
      'a number for the email',
      '/signup-email',
      { email: 42, password: 'password-1' },
      'validation_error',
    ],
    [
      'an overlong email',
      '/signup-email',
      { email: `${'a'.repeat(300)}@x.test`, password: 'password-1' },
      'validation_error',
    ],
    [
      'an overlong password',
      '/signin-email',
      { email: 'x@x.test', password: 'p'.repeat(2000) },
      'validation_error',
    ],
    [
      'a malformed phone',
      '/signup-phone',
      { phone: '+1 abc', password: 'password-1' },
      'validation_error',
    ],
    [
      'a phone without country',
      '/signup-phone',
      { phone: '5555550100', password: 'password-1' },
      'validation_error',
    ],
    ['a grant with no key', '/grant', undefined, 'validation_error'],
    ['an unknown grant key', '/grant?key=abc', undefined, 'invalid_token'],
    [
      'a reset with an unknown key',
      '/reset-pwd?key=abc',
      { newPassword: 'password-2' },
      'invalid_token',
    ],
  ])('refuses %s with a clear error', async (_label, url, body, expected) => {
    const method = url.startsWith('/grant') ? 'GET' : 'POST'
    const res = await call(method, url, body)
    expect(res.statusCode).toBeLessThan(500)
    expect(code(res)).toBe(expected)
  })

  it('takes budgets from the configuration', async () => {
    const strict = await startTestServer(target, {
      app: { auth: { limits: { sendByAccount: { max: 1, windowSeconds: 60 } } } },
    })
    try {
      const send = () =>
        strict.server.app.inject({
          method: 'POST',
          url: `${AUTH}/send-magic?email=once@x.test`,
          headers: { 'x-client-key': strict.clientKey },
        })
      expect((await send()).statusCode).toBe(200)
      expect((await send()).statusCode).toBe(429)
    } finally {
      await strict.close()
    }
  })

  it('needs a session on the session routes', async () => {
    for (const [method, url] of [
      ['POST', '/signout'],
      ['POST', '/signout-all'],
      ['POST', '/signout-all-except'],
      ['GET', '/sessions'],
      ['GET', '/user'],
      ['POST', '/change-pwd'],
      ['POST', '/change-email'],
      ['POST', '/change-phone'],
    ] as const) {
      const res = await call(method, url)
      expect(res.statusCode, url).toBe(401)
      expect(code(res), url).toBe('missing_session_token')
    }
  })

  it('refuses an expired link', async () => {
    await call('POST', '/signup-email', { email: 'late@x.test', password: 'password-1' })
    await call('POST', '/send-magic?email=late@x.test')
    const link = linkIn((await latestMail(t.server.database.db, 'late@x.test')).body)
    await t.server.database.db.query(
      `UPDATE basalt.auth_tokens SET expires_at = now() - interval '1 second'`,
    )
    const res = await app.inject({ url: `${link.pathname}${link.search}` })
    expect(res.statusCode).toBe(400)
    expect(code(res)).toBe('invalid_token')
  })
})
