import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAgnostClient } from '../src/index.js'
import type { AgnostClient } from '../src/index.js'
import { json, memoryStorage, sessionWith, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'
import { grant, USER } from './auth-fixtures.js'

// Every Agnost method sends exactly the request of agnost-protocol.md §1.3-1.6: method, path
// under the base URL's own path, raw query string, the Agnost headers and the raw JSON body
// (key order included).

let server: CaptureServer
let base: string
beforeAll(async () => {
  server = await startCaptureServer()
  base = `${server.url}/env-1`
})
afterAll(() => server.close())

const KEY = 'ak-123'
const TOKEN = 'sess-tok'
let client: AgnostClient
beforeEach(() => {
  const storage = memoryStorage({ session: JSON.stringify(sessionWith(TOKEN)) })
  client = createAgnostClient(base, KEY, { localStorage: storage })
})

type Call = (client: AgnostClient) => Promise<unknown>
/** method, path and query after `/env-1`, and the raw body ('' when none). */
type Expected = [method: string, url: string, body: string]

const RE = 'https://app.test/cb'
const ENC_RE = encodeURIComponent(RE)

const CALLS: [string, Call, Expected][] = [
  [
    'signUpWithEmail',
    (c) => c.auth.signUpWithEmail('a@b.c', 'pw', RE, { name: 'Ann' }),
    [
      'POST',
      '/agnost/auth/signup-email',
      `{"email":"a@b.c","password":"pw","redirectURL":"${RE}","baseURL":"BASE","userData":{"name":"Ann"}}`,
    ],
  ],
  [
    'signUpWithEmail without redirect or data',
    (c) => c.auth.signUpWithEmail('a@b.c', 'pw'),
    ['POST', '/agnost/auth/signup-email', '{"email":"a@b.c","password":"pw","baseURL":"BASE"}'],
  ],
  [
    'signUpWithPhone',
    (c) => c.auth.signUpWithPhone('+15550001', 'pw', { name: 'Ann' }),
    [
      'POST',
      '/agnost/auth/signup-phone',
      '{"phone":"+15550001","password":"pw","userData":{"name":"Ann"}}',
    ],
  ],
  [
    'signInWithEmail',
    (c) => c.auth.signInWithEmail('a@b.c', 'pw'),
    ['POST', '/agnost/auth/signin-email', '{"email":"a@b.c","password":"pw"}'],
  ],
  [
    'signInWithPhone',
    (c) => c.auth.signInWithPhone('+15550001', 'pw'),
    ['POST', '/agnost/auth/signin-phone', '{"phone":"+15550001","password":"pw"}'],
  ],
  [
    'signInWithCode',
    (c) => c.auth.signInWithCode('+15550001', '123456'),
    ['POST', '/agnost/auth/signin-code?code=123456&phone=%2B15550001', ''],
  ],
  [
    'getAuthGrant',
    (c) => c.auth.getAuthGrant('acc-tok'),
    ['GET', '/agnost/auth/grant?key=acc-tok', ''],
  ],
  [
    'signOut of another session',
    (c) => c.auth.signOut('other'),
    ['POST', '/agnost/auth/signout', '{"token":"other"}'],
  ],
  ['signOutAll', (c) => c.auth.signOutAll(), ['POST', '/agnost/auth/signout-all', '']],
  [
    'signOutAllExceptCurrent',
    (c) => c.auth.signOutAllExceptCurrent(),
    ['POST', '/agnost/auth/signout-all-except', ''],
  ],
  ['getAllSessions', (c) => c.auth.getAllSessions(), ['GET', '/agnost/auth/sessions', '']],
  ['getUserFromDB', (c) => c.auth.getUserFromDB(), ['GET', '/agnost/auth/user', '']],
  [
    'changePassword',
    (c) => c.auth.changePassword('new', 'old'),
    ['POST', '/agnost/auth/change-pwd', '{"newPassword":"new","oldPassword":"old"}'],
  ],
  [
    'resendVerificationEmail',
    (c) => c.auth.resendVerificationEmail('a@b.c', RE),
    ['POST', '/agnost/auth/resend', `{"email":"a@b.c","redirectURL":"${RE}","baseURL":"BASE"}`],
  ],
  [
    'resendVerificationCode',
    (c) => c.auth.resendVerificationCode('+15550001'),
    ['POST', '/agnost/auth/resend-code?phone=%2B15550001', ''],
  ],
  [
    'sendMagicLinkEmail',
    (c) => c.auth.sendMagicLinkEmail('a@b.c', RE),
    ['POST', '/agnost/auth/send-magic', `{"email":"a@b.c","redirectURL":"${RE}","baseURL":"BASE"}`],
  ],
  [
    'sendResetPwdEmail',
    (c) => c.auth.sendResetPwdEmail('a@b.c', RE),
    ['POST', '/agnost/auth/send-reset', `{"email":"a@b.c","redirectURL":"${RE}","baseURL":"BASE"}`],
  ],
  [
    'sendResetPwdCode',
    (c) => c.auth.sendResetPwdCode('+15550001'),
    ['POST', '/agnost/auth/send-reset-code?phone=%2B15550001', ''],
  ],
  [
    'sendSignInCode',
    (c) => c.auth.sendSignInCode('+15550001'),
    ['POST', '/agnost/auth/send-code?phone=%2B15550001', ''],
  ],
  [
    'resetPwdWithToken',
    (c) => c.auth.resetPwdWithToken('acc-tok', 'new'),
    ['POST', '/agnost/auth/reset-pwd?key=acc-tok', '{"newPassword":"new"}'],
  ],
  [
    'resetPwdWithCode',
    (c) => c.auth.resetPwdWithCode('+15550001', '123456', 'new'),
    ['POST', '/agnost/auth/reset-pwd-code?phone=%2B15550001&code=123456', '{"newPassword":"new"}'],
  ],
  [
    'changeEmail',
    (c) => c.auth.changeEmail('pw', 'n@b.c', RE),
    [
      'POST',
      '/agnost/auth/change-email',
      `{"currentPassword":"pw","newEmail":"n@b.c","redirectURL":"${RE}","baseURL":"BASE"}`,
    ],
  ],
  [
    'changePhone',
    (c) => c.auth.changePhone('pw', '+15550002'),
    ['POST', '/agnost/auth/change-phone', '{"currentPassword":"pw","newPhone":"+15550002"}'],
  ],
  [
    'verifyPhone',
    (c) => c.auth.verifyPhone('+15550001', '123456'),
    ['POST', '/agnost/auth/verify-phone?code=123456&phone=%2B15550001', ''],
  ],
  [
    'endpoint get',
    (c) => c.endpoint.get('/orders', { page: 2, q: 'a b' }),
    ['GET', '/orders?page=2&q=a%20b', ''],
  ],
  [
    'endpoint post',
    (c) => c.endpoint.post('/orders', { n: 1 }, { dry: true }),
    ['POST', '/orders?dry=true', '{"n":1}'],
  ],
  ['endpoint put', (c) => c.endpoint.put('orders/1', { n: 2 }), ['PUT', '/orders/1', '{"n":2}']],
  [
    'endpoint delete with a body',
    (c) => c.endpoint.delete('/orders/1', { why: 'x' }),
    ['DELETE', '/orders/1', '{"why":"x"}'],
  ],
]

describe('Agnost requests (agnost-protocol.md §1.3-1.5)', () => {
  it.each(CALLS)('%s', async (_name, call, [method, url, body]) => {
    await call(client)
    const request = server.last()
    expect(request.method).toBe(method)
    expect(request.url).toBe(`/env-1${url}`)
    expect(request.body).toBe(body.replace('BASE', base))
    expect(request.headers['x-client']).toBe('agnost-js')
    expect(request.headers.authorization).toBe(KEY)
    expect(request.headers['x-client-key']).toBeUndefined()
    expect(request.headers.session).toBe(TOKEN)
    expect(request.headers['content-type']).toBe(body ? 'application/json' : undefined)
  })

  it('sends no Session header without a stored session', async () => {
    const fresh = createAgnostClient(base, KEY, { localStorage: memoryStorage() })
    await fresh.auth.getUserFromDB()
    expect(server.last().headers.session).toBeUndefined()
    expect(server.last().headers.authorization).toBe(KEY)
  })

  it('builds the OAuth page with the redirect and the base URL', () => {
    const location = { href: '' }
    const previous = globalThis.window
    globalThis.window = { location } as unknown as Window & typeof globalThis
    try {
      client.auth.signInWithProvider('github', RE)
    } finally {
      globalThis.window = previous
    }
    const encBase = encodeURIComponent(base)
    expect(location.href).toBe(`${base}/agnost/oauth/github?redirect=${ENC_RE}&base=${encBase}`)
  })
})

describe('Agnost results (renames and local effects)', () => {
  it('sign-in answers {user, session, errors} and holds the new session', async () => {
    server.reply(json(200, grant('new-tok')))
    const result = await client.auth.signInWithEmail('a@b.c', 'pw')
    expect(result).toEqual({ ...grant('new-tok'), errors: null })
    expect(client.auth.getSession()?.token).toBe('new-tok')
    await client.auth.getUserFromDB()
    expect(server.last().headers.session).toBe('new-tok')
  })

  it('sign-up with email confirmation on keeps the previous session', async () => {
    server.reply(json(200, { user: USER, session: null }))
    const result = await client.auth.signUpWithEmail('a@b.c', 'pw', RE)
    expect(result).toEqual({ user: USER, session: null, errors: null })
    expect(client.auth.getSession()?.token).toBe(TOKEN)
  })

  it('getUserFromDB answers {user}, getAllSessions {sessions}, changeEmail {user}', async () => {
    server.reply(json(200, USER), json(200, [sessionWith('s1')]), json(200, USER))
    expect(await client.auth.getUserFromDB()).toEqual({ user: USER, errors: null })
    expect(await client.auth.getAllSessions()).toEqual({
      sessions: [sessionWith('s1')],
      errors: null,
    })
    expect(await client.auth.changeEmail('pw', 'n@b.c')).toEqual({ user: USER, errors: null })
  })

  it('an error answer becomes errors; invalid_session_token forgets the session', async () => {
    const item = { origin: 'client_error', code: 'invalid_session_token', message: 'bad' }
    server.reply(json(401, { errors: [item] }, 'Unauthorized'))
    const result = await client.auth.getUserFromDB()
    expect(result).toEqual({
      user: null,
      errors: { status: 401, statusText: 'Unauthorized', items: [item] },
    })
    expect(client.auth.getSession()).toBeNull()
    await client.endpoint.get('/x')
    expect(server.last().headers.session).toBeUndefined()
  })

  it('signOut of the current session forgets it locally', async () => {
    expect(await client.auth.signOut()).toEqual({ errors: null })
    expect(server.last().body).toBe('{}')
    expect(client.auth.getSession()).toBeNull()
  })

  it('a non-JSON error answer resolves (Agnost hung forever)', async () => {
    server.reply({ status: 502, reason: 'Bad Gateway', body: '<html>oops</html>' })
    const result = await client.endpoint.get('/x')
    expect(result.data).toBeNull()
    expect(result.errors?.status).toBe(502)
  })
})
