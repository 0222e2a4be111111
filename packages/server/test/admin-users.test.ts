import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REST_PREFIX } from '@basalt/protocol'
import { pgTargets } from '../../../test-support/databases.js'
import { latestMail, linkIn } from '../../../test-support/outbox.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminTestServer } from '../../../test-support/admin.js'

describe.each(pgTargets())('admin users and sessions on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startAdminTestServer(target, {
      app: { auth: { redirectUrl: 'http://app.test/after-auth' } },
    })
  })
  afterAll(() => s?.close())

  /** A REST auth call with the development client key, and a session when given. */
  const rest = async (method: string, path: string, body?: unknown, session?: string) => {
    const response = await s.t.server.app.inject({
      method: method as 'GET',
      url: `${REST_PREFIX}/auth/${path}`,
      headers: {
        'x-client-key': s.t.clientKey,
        ...(session ? { session } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    })
    return { status: response.statusCode, body: response.json() }
  }
  const signUp = async (email: string, name: string) => {
    const answer = await rest('POST', 'signup-email', {
      email,
      password: 'password-1',
      nameOrUserData: name,
    })
    expect(answer.status).toBe(200)
    return { id: answer.body.user._id as string, token: answer.body.session.token as string }
  }
  const signIn = (email: string) => rest('POST', 'signin-email', { email, password: 'password-1' })

  it('lists users newest first, pages them and searches email, name or id', async () => {
    const ada = await signUp('ada@example.test', 'Ada Lovelace')
    const bob = await signUp('bob@example.test', 'Bob_Smith')
    const page = await s.call('GET', '/users?size=1')
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ page: 1, size: 1, total: 2 })
    expect(page.body.items.map((u: { _id: string }) => u._id)).toEqual([bob.id])
    const second = await s.call('GET', '/users?size=1&page=2')
    expect(second.body.items[0]).toMatchObject({ _id: ada.id, disabled: false, disabledAt: null })
    expect(second.body.items[0]).not.toHaveProperty('passwordHash')
    expect(second.body.items[0]).not.toHaveProperty('password_hash')

    const byEmail = await s.call('GET', '/users?search=ADA@EXAMPLE')
    expect(byEmail.body.items.map((u: { _id: string }) => u._id)).toEqual([ada.id])
    expect(byEmail.body.total).toBe(1)
    const byName = await s.call('GET', '/users?search=lovelace')
    expect(byName.body.items.map((u: { email: string }) => u.email)).toEqual(['ada@example.test'])
    const byId = await s.call('GET', `/users?search=${bob.id.slice(-10)}`)
    expect(byId.body.items.map((u: { _id: string }) => u._id)).toEqual([bob.id])
    // `_` and `%` are literal characters, not patterns.
    const literal = await s.call('GET', `/users?search=${encodeURIComponent('b_s')}`)
    expect(literal.body.items.map((u: { _id: string }) => u._id)).toEqual([bob.id])
    const none = await s.call('GET', `/users?search=${encodeURIComponent('%')}`)
    expect(none.body).toMatchObject({ items: [], total: 0 })
  })

  it('answers one user, and 404 user_not_found for an unknown id', async () => {
    const { id } = await signUp('carol@example.test', 'Carol')
    const one = await s.call('GET', `/users/${id}`)
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({
      _id: id,
      email: 'carol@example.test',
      name: 'Carol',
      emailVerified: false,
      phoneVerified: false,
      disabled: false,
      disabledAt: null,
    })
    const unknown = await s.call('GET', '/users/000000000000000000000000')
    expect(unknown.status).toBe(404)
    expect(unknown.body.errors[0].code).toBe('user_not_found')
  })

  it('marks email and phone verified, and refuses a bad body with 400', async () => {
    const { id } = await signUp('dave@example.test', 'Dave')
    const verified = await s.call('PATCH', `/users/${id}`, { emailVerified: true })
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ _id: id, emailVerified: true, phoneVerified: false })
    expect((await s.call('GET', `/users/${id}`)).body.emailVerified).toBe(true)

    const bad = await s.call('PATCH', `/users/${id}`, { disabled: 'yes' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].code).toBe('validation_error')
    const unknownField = await s.call('PATCH', `/users/${id}`, { email: 'x@example.test' })
    expect(unknownField.status).toBe(400)
    const missing = await s.call('PATCH', '/users/000000000000000000000000', { disabled: true })
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].code).toBe('user_not_found')
  })

  it('disables a user: sessions end, sign-in answers 403 user_disabled until enabled', async () => {
    const { id, token } = await signUp('erin@example.test', 'Erin')
    expect((await rest('GET', 'user', undefined, token)).status).toBe(200)

    const disabled = await s.call('PATCH', `/users/${id}`, { disabled: true })
    expect(disabled.status).toBe(200)
    expect(disabled.body).toMatchObject({ _id: id, disabled: true })
    expect(Date.parse(disabled.body.disabledAt)).toBeLessThanOrEqual(Date.now())
    expect((await s.call('GET', `/users/${id}/sessions`)).body.items).toEqual([])
    const stale = await rest('GET', 'user', undefined, token)
    expect(stale.status).toBe(401)
    expect(stale.body.errors[0].code).toBe('invalid_session_token')

    const refused = await signIn('erin@example.test')
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].code).toBe('user_disabled')
    // A wrong password still says nothing about the account.
    const wrong = await rest('POST', 'signin-email', { email: 'erin@example.test', password: 'x' })
    expect(wrong.body.errors[0].code).toBe('invalid_credentials')
    // Disabling again keeps the first time.
    const again = await s.call('PATCH', `/users/${id}`, { disabled: true })
    expect(again.body.disabledAt).toBe(disabled.body.disabledAt)

    const enabled = await s.call('PATCH', `/users/${id}`, { disabled: false })
    expect(enabled.body).toMatchObject({ disabled: false, disabledAt: null })
    const back = await signIn('erin@example.test')
    expect(back.status).toBe(200)
    expect((await rest('GET', 'user', undefined, back.body.session.token)).status).toBe(200)
  })

  it('refuses the session of a magic link while disabled, and grants it once enabled', async () => {
    const { id } = await signUp('hal@example.test', 'Hal')
    await s.call('PATCH', `/users/${id}`, { disabled: true })
    expect((await rest('POST', 'send-magic?email=hal@example.test')).status).toBe(200)
    const link = linkIn((await latestMail(s.t.server.database.db, 'hal@example.test')).body)
    const visit = await s.t.server.app.inject({ method: 'GET', url: link.pathname + link.search })
    expect(visit.statusCode).toBe(302)
    const accessToken = new URL(String(visit.headers.location)).searchParams.get('access_token')
    expect(accessToken).toBeTruthy()
    const refused = await rest('GET', `grant?key=${accessToken}`)
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].code).toBe('user_disabled')
    // The refusal used nothing up: once enabled, the same link signs in.
    await s.call('PATCH', `/users/${id}`, { disabled: false })
    const granted = await rest('GET', `grant?key=${accessToken}`)
    expect(granted.status).toBe(200)
    expect(granted.body.session.userId).toBe(id)
  })

  it('never resolves a session of a disabled user, even one not yet revoked', async () => {
    const { id, token } = await signUp('fay@example.test', 'Fay')
    // Disabled behind the admin API's back: the session row is still there.
    await s.t.server.database.db.query(
      'UPDATE basalt.users SET disabled_at = now() WHERE id = $1',
      [id],
    )
    const answer = await rest('GET', 'user', undefined, token)
    expect(answer.status).toBe(401)
    expect(answer.body.errors[0].code).toBe('invalid_session_token')
  })

  it('lists sessions and ends one or all of them', async () => {
    const { id, token } = await signUp('gus@example.test', 'Gus')
    const second = await signIn('gus@example.test')
    const third = await signIn('gus@example.test')
    const listed = await s.call('GET', `/users/${id}/sessions`)
    expect(listed.status).toBe(200)
    expect(listed.body.items).toHaveLength(3)
    const [newest] = listed.body.items
    expect(Object.keys(newest).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'userAgent'])
    expect(newest.id).not.toBe(third.body.session.token)
    expect(Date.parse(newest.expiresAt)).toBeGreaterThan(Date.now())

    const ended = await s.call('DELETE', `/users/${id}/sessions/${newest.id}`)
    expect(ended.status).toBe(204)
    expect((await rest('GET', 'user', undefined, third.body.session.token)).status).toBe(401)
    expect((await rest('GET', 'user', undefined, token)).status).toBe(200)
    const gone = await s.call('DELETE', `/users/${id}/sessions/${newest.id}`)
    expect(gone.status).toBe(404)
    expect(gone.body.errors[0].code).toBe('session_not_found')

    const all = await s.call('DELETE', `/users/${id}/sessions`)
    expect(all.body).toEqual({ revoked: 2 })
    expect((await rest('GET', 'user', undefined, second.body.session.token)).status).toBe(401)
    expect((await s.call('GET', `/users/${id}/sessions`)).body.items).toEqual([])
    const unknown = await s.call('GET', '/users/000000000000000000000000/sessions')
    expect(unknown.body.errors[0].code).toBe('user_not_found')
  })

  it('refuses bad paging and calls without the admin token', async () => {
    const tooBig = await s.call('GET', '/users?size=1000')
    expect(tooBig.status).toBe(400)
    expect(tooBig.body.errors[0].code).toBe('validation_error')
    const anonymous = await s.call('GET', '/users', undefined, { authorization: '' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0].code).toBe('admin_session_required')
  })
})
