/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of many shapes */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthContext } from '../src/core/auth/auth-context.js'
import { followLink } from '../src/core/auth/flows/link-visits.js'
import type { AuthLink } from '../src/core/auth/flows/link-visits.js'
import { createKey } from '../src/core/keys/create-key.js'
import { hashSecret } from '../src/tools/secrets.js'
import { pgTargets } from '../../../test-support/databases.js'
import { latestCode, latestMail, linkIn } from '../../../test-support/outbox.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

type Answer = { status: number; body: any; headers: Record<string, unknown> }

// A tiny Agnost client written from agnost-protocol.md §1.3-1.7: the exact requests it sends.
describe.each(pgTargets())('agnost auth routes on $name PostgreSQL', (target) => {
  let t: TestServer
  let apiKey: string

  async function agnost(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; session?: string; key?: string | null } = {},
  ): Promise<Answer> {
    const key = options.key === undefined ? apiKey : options.key
    const response = await t.server.app.inject({
      method,
      url: path,
      headers: {
        'x-client': 'agnost-js',
        ...(key === null ? {} : { authorization: key }),
        ...(options.session ? { session: options.session } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
    })
    const raw = response.body
    return {
      status: response.statusCode,
      body: raw ? JSON.parse(raw) : undefined,
      headers: response.headers,
    }
  }

  const code = (answer: Answer) => answer.body?.errors?.[0]?.code
  const signUp = (email: string, extra: Record<string, unknown> = {}) =>
    agnost('POST', '/agnost/auth/signup-email', {
      body: { email, password: 'password-1', baseURL: 'http://evil.test/env', ...extra },
    })
  const tokenData = async (link: URL) => {
    const rows = await t.server.database.db.query<{ data: Record<string, unknown> }>(
      'SELECT data FROM basalt.auth_tokens WHERE token_hash = $1',
      [hashSecret(link.searchParams.get('token')!)],
    )
    return rows[0]?.data
  }

  beforeAll(async () => {
    t = await startTestServer(target, {
      app: {
        auth: {
          redirectUrl: 'http://app.test/after-auth',
          redirectUrls: ['http://app.test/agnost/', 'https://other.test/exact'],
          oauth: { github: { clientId: 'agnost-id', clientSecret: 'agnost-secret' } },
          limits: {
            sendByAccount: { max: 100, windowSeconds: 60 },
            sendByIp: { max: 100, windowSeconds: 60 },
            signInByIp: { max: 100, windowSeconds: 60 },
            signUpByIp: { max: 100, windowSeconds: 60 },
          },
        },
      },
    })
    apiKey = (await createKey(t.server.database.db, { type: 'api', name: 'agnost' })).secret
  })
  afterAll(() => t.close())

  it('needs a valid API key from Authorization or ?apikey=', async () => {
    expect(code(await agnost('GET', '/agnost/auth/user', { key: null }))).toBe('missing_api_key')
    const wrong = await agnost('GET', '/agnost/auth/user', { key: 'not-a-key' })
    expect(wrong.status).toBe(401)
    expect(code(wrong)).toBe('invalid_api_key')
    const byQuery = await t.server.app.inject({
      method: 'POST',
      url: `/agnost/realtime/get-members?apikey=${apiKey}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ channel: 'lobby' }),
    })
    expect(byQuery.statusCode).toBe(200)
    expect(byQuery.json()).toEqual([])
    // A client key is no API key.
    expect(code(await agnost('GET', '/agnost/auth/user', { key: t.clientKey }))).toBe(
      'invalid_api_key',
    )
    const readOnly = await createKey(t.server.database.db, {
      type: 'api',
      name: 'reader',
      access: 'read-only',
    })
    const refused = await agnost('POST', '/agnost/auth/signin-email', {
      key: readOnly.secret,
      body: { email: 'a@x.test', password: 'password-1' },
    })
    expect(code(refused)).toBe('endpoint_not_allowed')
  })

  it('answers the browser preflight without a key', async () => {
    const preflight = await t.server.app.inject({
      method: 'OPTIONS',
      url: '/agnost/auth/signin-email',
      headers: {
        origin: 'http://app.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-client, authorization, content-type',
      },
    })
    expect(preflight.statusCode).toBeLessThan(300)
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/i)
  })

  it('signs up with userData, refusing protected fields, then signs in and out', async () => {
    const refused = await signUp('protected@x.test', { userData: { emailVerified: true } })
    expect(refused.status).toBe(400)
    expect(code(refused)).toBe('validation_error')
    expect(refused.body.errors[0].details.protectedFields).toEqual(['emailVerified'])

    const up = await signUp('ada@x.test', { userData: { name: 'Ada', city: 'London' } })
    expect(up.status).toBe(200)
    expect(up.body.user).toMatchObject({ email: 'ada@x.test', name: 'Ada', emailVerified: false })
    expect(up.body.user.password).toBeUndefined()
    expect(up.body.session.token).toBeTruthy()

    const signIn = await agnost('POST', '/agnost/auth/signin-email', {
      body: { email: 'ada@x.test', password: 'password-1' },
    })
    expect(signIn.status).toBe(200)
    const token: string = signIn.body.session.token
    expect(signIn.body.session.userId).toBe(up.body.user._id)

    const user = await agnost('GET', '/agnost/auth/user', { session: token })
    expect(user.body).toMatchObject({ _id: up.body.user._id, email: 'ada@x.test' })
    expect(code(await agnost('GET', '/agnost/auth/user'))).toBe('missing_session_token')
    expect(code(await agnost('GET', '/agnost/auth/user', { session: 'nope' }))).toBe(
      'invalid_session_token',
    )
    const sessions = await agnost('GET', '/agnost/auth/sessions', { session: token })
    expect(sessions.status).toBe(200)
    expect(sessions.body).toHaveLength(2)
    expect(sessions.body.every((s: any) => s.userId === up.body.user._id)).toBe(true)

    const except = await agnost('POST', '/agnost/auth/signout-all-except', { session: token })
    expect(except.status).toBe(200)
    expect(code(await agnost('GET', '/agnost/auth/user', { session: up.body.session.token }))).toBe(
      'invalid_session_token',
    )
    const out = await agnost('POST', '/agnost/auth/signout', { session: token, body: { token } })
    expect(out.status).toBe(200)
    expect(code(await agnost('GET', '/agnost/auth/user', { session: token }))).toBe(
      'invalid_session_token',
    )
  })

  it('changes password and email, and signs out everywhere', async () => {
    const up = await signUp('bob@x.test')
    const token: string = up.body.session.token
    const pwd = await agnost('POST', '/agnost/auth/change-pwd', {
      session: token,
      body: { newPassword: 'password-2', oldPassword: 'password-1' },
    })
    expect(pwd.status).toBe(200)
    const signIn = await agnost('POST', '/agnost/auth/signin-email', {
      body: { email: 'bob@x.test', password: 'password-2' },
    })
    const fresh: string = signIn.body.session.token
    const changed = await agnost('POST', '/agnost/auth/change-email', {
      session: fresh,
      body: {
        currentPassword: 'password-2',
        newEmail: 'bobby@x.test',
        redirectURL: 'http://app.test/agnost/done',
        baseURL: 'http://evil.test/env',
      },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.email).toBe('bobby@x.test') // confirmation is off: applied at once
    const all = await agnost('POST', '/agnost/auth/signout-all', { session: fresh })
    expect(all.status).toBe(200)
    expect(code(await agnost('GET', '/agnost/auth/sessions', { session: fresh }))).toBe(
      'invalid_session_token',
    )
  })

  it('checks redirectURL against the allow-list; links never use baseURL', async () => {
    await signUp('links@x.test')
    const send = (redirectURL?: string) =>
      agnost('POST', '/agnost/auth/send-magic', {
        body: { email: 'links@x.test', redirectURL, baseURL: 'http://evil.test/env' },
      })

    const prefixed = await send('http://app.test/agnost/welcome?x=1')
    expect(prefixed.status).toBe(200)
    const mail = await latestMail(t.server.database.db, 'links@x.test')
    expect(mail.body).not.toContain('evil.test')
    const link = linkIn(mail.body)
    expect(link.pathname).toBe('/_auth/magic-link')
    expect(await tokenData(link)).toEqual({ redirectUrl: 'http://app.test/agnost/welcome?x=1' })

    expect((await send('https://other.test/exact')).status).toBe(200)
    expect((await send('http://app.test/after-auth')).status).toBe(200) // auth.redirectUrl

    for (const refused of [
      'https://other.test/exact/more', // an entry without a trailing `/` matches only itself
      'http://app.test/agnostic',
      'http://evil.test/agnost/',
      'javascript:alert(1)',
    ]) {
      const answer = await send(refused)
      expect(answer.status).toBe(400)
      expect(code(answer)).toBe('redirect_not_allowed')
    }
    expect(code(await signUp('nolink@x.test', { redirectURL: 'http://evil.test/' }))).toBe(
      'redirect_not_allowed',
    )

    expect((await send(undefined)).status).toBe(200)
    const plain = linkIn((await latestMail(t.server.database.db, 'links@x.test')).body)
    expect(await tokenData(plain)).toEqual({}) // the app's auth.redirectUrl applies

    const reset = await agnost('POST', '/agnost/auth/send-reset', {
      body: { email: 'links@x.test', redirectURL: 'http://app.test/agnost/reset' },
    })
    expect(reset.status).toBe(200)
    const resetLink = linkIn((await latestMail(t.server.database.db, 'links@x.test')).body)
    expect(resetLink.pathname).toBe('/_auth/reset-pwd')
    const key = resetLink.searchParams.get('token')!
    const done = await agnost('POST', `/agnost/auth/reset-pwd?key=${key}`, {
      body: { newPassword: 'password-9' },
    })
    expect(done.status).toBe(200)
    const signIn = await agnost('POST', '/agnost/auth/signin-email', {
      body: { email: 'links@x.test', password: 'password-9' },
    })
    expect(signIn.body.session.token).toBeTruthy()
  })

  it('grants a session for a followed magic link', async () => {
    await signUp('magic@x.test')
    await agnost('POST', '/agnost/auth/send-magic', { body: { email: 'magic@x.test' } })
    const link = linkIn((await latestMail(t.server.database.db, 'magic@x.test')).body)
    const followed = await t.server.app.inject({ url: `${link.pathname}${link.search}` })
    expect(followed.statusCode).toBe(302)
    const accessToken = new URL(followed.headers.location!).searchParams.get('access_token')
    const grant = await agnost('GET', `/agnost/auth/grant?key=${accessToken}`)
    expect(grant.status).toBe(200)
    expect(grant.body.user.email).toBe('magic@x.test')
    expect(grant.body.session.token).toBeTruthy()
    expect(code(await agnost('GET', `/agnost/auth/grant?key=${accessToken}`))).toBe('invalid_token')
  })

  it('runs the phone flows with codes from the outbox', async () => {
    const phone = '+447700900555'
    const up = await agnost('POST', '/agnost/auth/signup-phone', {
      body: { phone, password: 'password-1', userData: { name: 'Pat' } },
    })
    expect(up.body.user).toMatchObject({ phone, name: 'Pat' })
    const signIn = await agnost('POST', '/agnost/auth/signin-phone', {
      body: { phone, password: 'password-1' },
    })
    expect(signIn.body.session.token).toBeTruthy()

    const enc = encodeURIComponent(phone)
    expect((await agnost('POST', `/agnost/auth/send-code?phone=${enc}`)).status).toBe(200)
    const signInCode = await latestCode(t.server.database.db, phone)
    const byCode = await agnost('POST', `/agnost/auth/signin-code?code=${signInCode}&phone=${enc}`)
    expect(byCode.body.user.phone).toBe(phone)
    expect(byCode.body.session.token).toBeTruthy()

    expect((await agnost('POST', `/agnost/auth/send-reset-code?phone=${enc}`)).status).toBe(200)
    const resetCode = await latestCode(t.server.database.db, phone)
    const reset = await agnost(
      'POST',
      `/agnost/auth/reset-pwd-code?phone=${enc}&code=${resetCode}`,
      {
        body: { newPassword: 'password-3' },
      },
    )
    expect(reset.status).toBe(200)
    const again = await agnost('POST', '/agnost/auth/signin-phone', {
      body: { phone, password: 'password-3' },
    })
    const token: string = again.body.session.token

    const newPhone = '+447700900556'
    const changed = await agnost('POST', '/agnost/auth/change-phone', {
      session: token,
      body: { currentPassword: 'password-3', newPhone },
    })
    expect(changed.status).toBe(200)
    expect(changed.body.phone).toBe(newPhone)
    // Phone confirmation is off: nothing to resend, the answer is still empty.
    const resend = await agnost(
      'POST',
      `/agnost/auth/resend-code?phone=${encodeURIComponent(newPhone)}`,
    )
    expect(resend.status).toBe(200)
    const wrong = await agnost('POST', `/agnost/auth/verify-phone?code=000000&phone=${enc}`)
    expect(wrong.status).toBe(400)
  })

  it('answers get-members and refuses a body without channel', async () => {
    const members = await agnost('POST', '/agnost/realtime/get-members', {
      body: { channel: 'empty' },
    })
    expect(members.status).toBe(200)
    expect(members.body).toEqual([])
    const bad = await agnost('POST', '/agnost/realtime/get-members', { body: {} })
    expect(code(bad)).toBe('validation_error')
  })

  it('starts OAuth (no API key: a browser navigation) only for an allow-listed redirect', async () => {
    const start = (redirect: string) =>
      t.server.app.inject({
        url: `/agnost/oauth/github?redirect=${encodeURIComponent(redirect)}&base=${encodeURIComponent('http://evil.test/env')}`,
      })
    const refused = await start('http://evil.test/')
    expect(refused.statusCode).toBe(400)
    expect(refused.json().errors[0].code).toBe('redirect_not_allowed')
    const started = await start('http://app.test/agnost/oauth-done')
    expect(started.statusCode).toBe(302)
    const location = new URL(started.headers.location!)
    expect(location.origin + location.pathname).toBe('https://github.com/login/oauth/authorize')
    expect(location.searchParams.get('state')).toBeTruthy()
    expect(started.headers['set-cookie']).toMatch(/^basalt_oauth=/)
    const unknown = await t.server.app.inject({ url: '/agnost/oauth/nowhere?redirect=x' })
    expect(unknown.statusCode).toBe(404)
  })
})

describe.each(pgTargets())('agnost links with email confirmation on $name PostgreSQL', (target) => {
  let t: TestServer
  let apiKey: string

  const post = async (url: string, body: unknown, session?: string) => {
    const response = await t.server.app.inject({
      method: 'POST',
      url,
      headers: {
        'x-client': 'agnost-js',
        authorization: apiKey,
        'content-type': 'application/json',
        ...(session ? { session } : {}),
      },
      payload: JSON.stringify(body),
    })
    return { status: response.statusCode, body: response.json() }
  }
  /** The core flow behind `/_auth/<link>`, with only what it uses of the auth context. */
  const follow = (link: URL) => {
    const ctx = { db: t.server.database.db, events: { emit: () => undefined } }
    const name = link.pathname.split('/').pop() as AuthLink
    return followLink(ctx as unknown as AuthContext, name, link.searchParams.get('token')!)
  }

  beforeAll(async () => {
    t = await startTestServer(target, {
      app: {
        auth: {
          emailConfirmation: true,
          redirectUrl: 'http://app.test/after-auth',
          redirectUrls: ['http://app.test/agnost/'],
        },
      },
    })
    apiKey = (await createKey(t.server.database.db, { type: 'api', name: 'agnost' })).secret
  })
  afterAll(() => t.close())

  it('carries the redirectURL of sign-up, reset and email change to the followed link', async () => {
    const up = await post('/agnost/auth/signup-email', {
      email: 'conf@x.test',
      password: 'password-1',
      redirectURL: 'http://app.test/agnost/verified',
      baseURL: 'http://evil.test/env',
    })
    expect(up.status).toBe(200)
    expect(up.body.session).toBeNull()
    const mail = await latestMail(t.server.database.db, 'conf@x.test')
    expect(mail.body).not.toContain('evil.test')
    const verified = await follow(linkIn(mail.body))
    expect(verified).toMatchObject({
      action: 'verify-email',
      redirectUrl: 'http://app.test/agnost/verified',
    })
    const grant = await t.server.app.inject({
      url: `/agnost/auth/grant?key=${verified.accessToken}`,
      headers: { authorization: apiKey },
    })
    const token: string = grant.json().session.token

    await post('/agnost/auth/send-reset', { email: 'conf@x.test' })
    const reset = await follow(linkIn((await latestMail(t.server.database.db, 'conf@x.test')).body))
    expect(reset.action).toBe('reset-pwd')
    expect(reset.redirectUrl).toBeUndefined() // none given: the app's auth.redirectUrl

    const change = await post(
      '/agnost/auth/change-email',
      {
        currentPassword: 'password-1',
        newEmail: 'conf2@x.test',
        redirectURL: 'http://app.test/agnost/changed',
      },
      token,
    )
    expect(change.status).toBe(200)
    expect(change.body.email).toBe('conf@x.test') // unchanged until the link is followed
    const changed = await follow(
      linkIn((await latestMail(t.server.database.db, 'conf2@x.test')).body),
    )
    expect(changed.redirectUrl).toBe('http://app.test/agnost/changed')
    const refused = await post(
      '/agnost/auth/change-email',
      { currentPassword: 'password-1', newEmail: 'conf3@x.test', redirectURL: 'http://evil.test' },
      token,
    )
    expect(refused.body.errors[0].code).toBe('redirect_not_allowed')
  })
})
