import { createClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { followLink, latestCode, latestMail, linkIn } from '../../../test-support/outbox.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// The published client with email and phone confirmation on: links and codes from the outbox.
describe.each(pgTargets())('auth confirmations on $name PostgreSQL', (target) => {
  let t: TestServer
  let url: string
  const client = () => createClient(url, t.clientKey, { localStorage: memoryStorage() })
  const mailLink = async (to: string) => linkIn((await latestMail(t.server.database.db, to)).body)

  beforeAll(async () => {
    t = await startTestServer(target, {
      app: {
        name: 'Confirm Co',
        auth: {
          emailConfirmation: true,
          phoneConfirmation: true,
          redirectUrl: 'http://app.test/after-auth',
          mail: { templates: { 'verify-email': { subject: 'Welcome to {{app}}' } } },
        },
      },
    })
    url = await t.server.listen()
  })
  afterAll(() => t.close())

  it('gives no session before the email is confirmed, then one through the link', async () => {
    const email = 'confirm@x.test'
    const c = client()
    const up = await c.auth.signUpWithEmail(email, 'password-1')
    expect(up.errors).toBeNull()
    expect(up.session).toBeNull()
    expect((await c.auth.signInWithEmail(email, 'password-1')).errors?.items[0]?.code).toBe(
      'email_not_verified',
    )
    const mail = await latestMail(t.server.database.db, email)
    expect(mail.subject).toBe('Welcome to Confirm Co') // the app's template

    await c.auth.resendVerificationEmail(email)
    const fresh = await mailLink(email)
    const grant = await followLink(url, fresh)
    expect(grant.get('action')).toBe('verify-email')
    const { user, session } = await c.auth.getAuthGrant(grant.get('access_token')!)
    expect(user).toMatchObject({ email, emailVerified: true })
    expect(session?.token).toBeTruthy()
    expect((await client().auth.signInWithEmail(email, 'password-1')).errors).toBeNull()
    expect((await followLink(url, fresh)).get('error')).toBe('invalid_token')
  })

  it('confirms a phone sign-up with the SMS code', async () => {
    const phone = '+447700900123'
    const c = client()
    const up = await c.auth.signUpWithPhone(phone, 'password-1')
    expect(up.session).toBeNull()
    expect((await c.auth.signInWithPhone(phone, 'password-1')).errors?.items[0]?.code).toBe(
      'phone_not_verified',
    )
    await c.auth.resendVerificationCode(phone)
    const code = await latestCode(t.server.database.db, phone)
    const wrong = await c.auth.verifyPhone(phone, code === '000000' ? '111111' : '000000')
    expect(wrong.errors?.items[0]?.code).toBe('invalid_code')
    const verified = await c.auth.verifyPhone(phone, code)
    expect(verified.user?.phoneVerified).toBe(true)
    expect(verified.session?.token).toBeTruthy()
    expect((await c.auth.getUserFromDB()).user?.phone).toBe(phone)
  })

  it('changes email and phone only once confirmed', async () => {
    const c = client()
    await c.auth.signUpWithEmail('old@x.test', 'password-1')
    const grant = await followLink(url, await mailLink('old@x.test'))
    await c.auth.getAuthGrant(grant.get('access_token')!)

    const pending = await c.auth.changeEmail('password-1', 'new@x.test')
    expect(pending.user?.email).toBe('old@x.test')
    const confirmed = await followLink(url, await mailLink('new@x.test'))
    expect(confirmed.get('action')).toBe('change-email')
    expect((await c.auth.getUserFromDB()).user).toMatchObject({ email: 'new@x.test' })

    const pendingPhone = await c.auth.changePhone('password-1', '+15555550142')
    expect(pendingPhone.user?.phone).toBeNull()
    const code = await latestCode(t.server.database.db, '+15555550142')
    const done = await c.auth.verifyPhone('+15555550142', code)
    expect(done.user).toMatchObject({ phone: '+15555550142', phoneVerified: true })
    expect(done.session).toBeFalsy()
  })

  it('stops code guessing after the allowed attempts, even for the right code', async () => {
    const phone = '+15555550177'
    const c = client()
    await c.auth.signUpWithPhone(phone, 'password-1')
    const code = await latestCode(t.server.database.db, phone)
    const wrongCode = code === '123456' ? '654321' : '123456'
    for (let i = 0; i < 5; i++) await c.auth.verifyPhone(phone, wrongCode)
    expect((await c.auth.verifyPhone(phone, code)).errors?.items[0]?.code).toBe('invalid_code')
  })
})
