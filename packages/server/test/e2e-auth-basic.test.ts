import { createClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { followLink, latestCode, latestMail, linkIn } from '../../../test-support/outbox.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// The published altogic@2.3.9 client, unmodified, through every auth method, with email and
// phone confirmation off (the default). Mail and SMS are read from the dev outbox.
describe.each(pgTargets())('auth with the published client on $name PostgreSQL', (target) => {
  let t: TestServer
  let url: string
  const client = (storage = memoryStorage()) =>
    createClient(url, t.clientKey, { localStorage: storage })

  beforeAll(async () => {
    t = await startTestServer(target, {
      app: { auth: { redirectUrl: 'http://app.test/after-auth' } },
    })
    url = await t.server.listen()
  })
  afterAll(() => t.close())

  it('signs up, reads the user, signs out and in again, by email', async () => {
    const storage = memoryStorage()
    const alice = client(storage)
    const signedUp = await alice.auth.signUpWithEmail('a+b@x.test', 'password-1', 'Alice')
    expect(signedUp.errors).toBeNull()
    expect(signedUp.user).toMatchObject({
      email: 'a+b@x.test',
      name: 'Alice',
      emailVerified: false,
    })
    expect(signedUp.user).not.toHaveProperty('password')
    expect(signedUp.user?._id).toMatch(/^[0-9a-f]{24}$/)
    expect(signedUp.session?.token).toMatch(/^[\w-]{43}$/)
    expect(JSON.parse(storage.map.get('session')!).token).toBe(signedUp.session?.token)

    const fromDb = await alice.auth.getUserFromDB()
    expect(fromDb.user).toMatchObject({ _id: signedUp.user?._id, email: 'a+b@x.test' })

    expect((await alice.auth.signOut()).errors).toBeNull()
    expect(storage.map.has('session')).toBe(false)
    expect((await alice.auth.getUserFromDB()).errors?.items[0]?.code).toBe('missing_session_token')
    // The signed-out token is dead, not just forgotten by the client.
    const stale = client()
    stale.auth.setSession(signedUp.session!)
    expect((await stale.auth.getUserFromDB()).errors?.items[0]?.code).toBe('invalid_session_token')

    const wrong = await alice.auth.signInWithEmail('a+b@x.test', 'not-it-at-all')
    expect(wrong.errors).toMatchObject({ status: 401, items: [{ code: 'invalid_credentials' }] })
    const unknown = await alice.auth.signInWithEmail('nobody@x.test', 'not-it-at-all')
    expect(unknown.errors?.items[0]?.code).toBe('invalid_credentials')
    const right = await alice.auth.signInWithEmail('A+B@x.test', 'password-1')
    expect(right.user?.lastLoginAt).toBeTruthy()
    expect((await alice.auth.getUserFromDB()).user?._id).toBe(signedUp.user?._id)

    // The published client puts the email into the query unencoded: the + must survive.
    expect((await alice.auth.sendMagicLinkEmail('a+b@x.test')).errors).toBeNull()
    expect((await latestMail(t.server.database.db, 'a+b@x.test')).subject).toMatch(/sign-in link/)
  })

  it('accepts the session_token cookie of the SSR helpers when no Session header is sent', async () => {
    const up = await client().auth.signUpWithEmail('cookie@x.test', 'password-1')
    const cookie = `theme=dark; session_token=${encodeURIComponent(up.session!.token)}`
    const res = await fetch(`${url}/_api/rest/v1/auth/user`, {
      headers: { 'x-client-key': t.clientKey, cookie },
    })
    expect(res.status).toBe(200)
    expect((await res.json()).email).toBe('cookie@x.test')
  })

  it('runs the SSR cookie helpers: set the cookie, read the user by it, remove it', async () => {
    const up = await client().auth.signUpWithEmail('ssr@x.test', 'password-1')
    const headers: Record<string, unknown> = {}
    const res = {
      getHeader: (name: string) => headers[name.toLowerCase()],
      setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = value),
    }
    const ssr = client()
    ssr.auth.setSessionCookie(up.session!.token, {}, res)
    const cookie = String(headers['set-cookie']).split(';')[0]!
    expect(cookie).toMatch(/^session_token=/)
    const req = { headers: { cookie } }
    const { user, errors } = await ssr.auth.getUserFromDBbyCookie(req, res)
    expect(errors).toBeNull()
    expect(user?.email).toBe('ssr@x.test')
    ssr.auth.removeSessionCookie(req, res)
    expect(String(headers['set-cookie'])).toMatch(/Max-Age=-1/)
  })

  it('refuses duplicate, malformed and protected sign-up input with clear errors', async () => {
    const c = client()
    await c.auth.signUpWithEmail('dup@x.test', 'password-1')
    expect((await c.auth.signUpWithEmail('DUP@x.test', 'password-1')).errors).toMatchObject({
      status: 409,
      items: [{ code: 'email_already_exists' }],
    })
    const bad = await c.auth.signUpWithEmail('not-an-email', 'password-1')
    expect(bad.errors?.items[0]).toMatchObject({
      code: 'validation_error',
      details: { field: 'email' },
    })
    const short = await c.auth.signUpWithEmail('short@x.test', 'abc')
    expect(short.errors?.items[0]).toMatchObject({
      details: { field: 'password', rule: 'minLength' },
    })
    const sneaky = await c.auth.signUpWithEmail('sneaky@x.test', 'password-1', {
      name: 'S',
      emailVerified: true,
    } as never)
    expect(sneaky.errors?.items[0]).toMatchObject({
      code: 'validation_error',
      details: { protectedFields: ['emailVerified'] },
    })
    expect(
      (await c.auth.signInWithEmail('sneaky@x.test', 'password-1')).errors?.items[0]?.code,
    ).toBe('invalid_credentials') // nothing half-written
  })

  it('lists sessions and signs out all others, then all', async () => {
    const email = 'many@x.test'
    const first = client()
    await first.auth.signUpWithEmail(email, 'password-1', { name: 'M', plan: 'pro' } as never)
    const second = client()
    await second.auth.signInWithEmail(email, 'password-1')
    const { sessions } = await second.auth.getAllSessions()
    expect(sessions).toHaveLength(2)
    expect(sessions?.filter((s: { isCurrent?: boolean }) => s.isCurrent)).toHaveLength(1)
    expect((await first.auth.getUserFromDB()).user).toMatchObject({ plan: 'pro' })

    await second.auth.signOutAllExceptCurrent()
    expect((await first.auth.getUserFromDB()).errors?.items[0]?.code).toBe('invalid_session_token')
    expect((await second.auth.getUserFromDB()).errors).toBeNull()
    await second.auth.signOutAll()
    expect((await second.auth.getUserFromDB()).errors?.items[0]?.code).toBe('missing_session_token')
  })

  it('changes password and email', async () => {
    const c = client()
    await c.auth.signUpWithEmail('change@x.test', 'password-1')
    const refused = await c.auth.changePassword('password-2', 'wrong-old')
    expect(refused.errors?.items[0]?.code).toBe('invalid_credentials')
    expect((await c.auth.changePassword('password-2', 'password-1')).errors).toBeNull()
    expect((await c.auth.getUserFromDB()).errors).toBeNull() // the current session stays
    const changed = await c.auth.changeEmail('password-2', 'changed@x.test')
    expect(changed.user?.email).toBe('changed@x.test')
    expect((await client().auth.signInWithEmail('changed@x.test', 'password-2')).errors).toBeNull()
  })

  it('signs in by magic link and resets a password by link, each link used once', async () => {
    const email = 'links@x.test'
    await client().auth.signUpWithEmail(email, 'password-1')
    const c = client()
    expect((await c.auth.sendMagicLinkEmail(email)).errors).toBeNull()
    const magic = await followLink(
      url,
      linkIn((await latestMail(t.server.database.db, email)).body),
    )
    expect(magic.get('action')).toBe('magic-link')
    const granted = await c.auth.getAuthGrant(magic.get('access_token')!)
    expect(granted.user?.email).toBe(email)
    expect(granted.user?.emailVerified).toBe(true)
    expect(
      (await client().auth.getAuthGrant(magic.get('access_token')!)).errors?.items[0]?.code,
    ).toBe('invalid_token')

    await c.auth.sendResetPwdEmail(email)
    const link = linkIn((await latestMail(t.server.database.db, email)).body)
    const reset = await followLink(url, link)
    expect(reset.get('action')).toBe('reset-pwd')
    expect(
      (await c.auth.resetPwdWithToken(reset.get('access_token')!, 'password-new')).errors,
    ).toBeNull()
    expect(
      (await c.auth.resetPwdWithToken(reset.get('access_token')!, 'password-x')).errors?.items[0]
        ?.code,
    ).toBe('invalid_token')
    expect((await c.auth.getUserFromDB()).errors?.items[0]?.code).toBe('invalid_session_token')
    expect((await client().auth.signInWithEmail(email, 'password-new')).errors).toBeNull()
    const used = await followLink(url, link)
    expect(used.get('error')).toBe('invalid_token')
  })

  it('answers the send routes alike whether or not the account exists', async () => {
    const c = client()
    for (const call of [
      () => c.auth.sendMagicLinkEmail('ghost@x.test'),
      () => c.auth.sendResetPwdEmail('ghost@x.test'),
      () => c.auth.resendVerificationEmail('ghost@x.test'),
      () => c.auth.sendSignInCode('+15555550199'),
      () => c.auth.sendResetPwdCode('+15555550199'),
      () => c.auth.resendVerificationCode('+15555550199'),
    ]) {
      const { errors } = await call()
      expect(errors).toBeNull()
    }
  })

  it('signs up by phone, signs in by password and by code, resets by code, changes phone', async () => {
    const phone = '+15555550100'
    const c = client()
    const up = await c.auth.signUpWithPhone('+1 555 555 0100', 'password-1', 'Phoebe')
    expect(up.user).toMatchObject({ phone, name: 'Phoebe' })
    expect(up.session).toBeTruthy()
    expect((await client().auth.signInWithPhone(phone, 'password-1')).errors).toBeNull()

    await c.auth.sendSignInCode(phone)
    const code = await latestCode(t.server.database.db, phone)
    const byCode = await client().auth.signInWithCode(phone, code)
    expect(byCode.user?.phoneVerified).toBe(true)
    expect((await client().auth.signInWithCode(phone, code)).errors?.items[0]?.code).toBe(
      'invalid_code',
    )

    await c.auth.sendResetPwdCode(phone)
    const resetCode = await latestCode(t.server.database.db, phone)
    expect((await c.auth.resetPwdWithCode(phone, resetCode, 'password-2')).errors).toBeNull()
    const again = client()
    expect((await again.auth.signInWithPhone(phone, 'password-2')).errors).toBeNull()

    const moved = await again.auth.changePhone('password-2', '+15555550101')
    expect(moved.user?.phone).toBe('+15555550101')
    const bad = await again.auth.changePhone('password-2', '12')
    expect(bad.errors?.items[0]).toMatchObject({
      code: 'validation_error',
      details: { field: 'newPhone' },
    })
  })
})
