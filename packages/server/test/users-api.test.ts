import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEADERS, REST_PREFIX } from '@basalt/protocol'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

describe.each(pgTargets())('api.users for app code on $name PostgreSQL', (target) => {
  let t: TestServer

  const rest = (path: string, body: unknown, session?: string) =>
    t.server.app.inject({
      method: 'POST',
      url: `${REST_PREFIX}${path}`,
      headers: {
        'content-type': 'application/json',
        [HEADERS.clientKey]: t.clientKey,
        ...(session ? { session } : {}),
      },
      payload: JSON.stringify(body),
    })
  const getUser = (session: string) =>
    t.server.app.inject({
      method: 'GET',
      url: `${REST_PREFIX}/auth/user`,
      headers: { [HEADERS.clientKey]: t.clientKey, session },
    })
  const signIn = (email: string) =>
    rest('/auth/signin-email', { email, password: 'user-password-1' })

  beforeAll(async () => {
    t = await startTestServer(target)
    for (const email of ['one@example.com', 'two@example.com']) {
      await rest('/auth/signup-email', { email, password: 'user-password-1', name: email })
    }
  })
  afterAll(() => t?.close())

  it('lists and gets any user without a session', async () => {
    const { users } = t.server.api
    const all = await users.list()
    expect(all.total).toBe(2)
    expect(all.items.map((user) => user.email)).toEqual(['two@example.com', 'one@example.com'])
    const found = await users.list({ search: 'ONE@' })
    expect(found.items).toHaveLength(1)
    const user = await users.get(found.items[0]!._id)
    expect(user).toMatchObject({ email: 'one@example.com', disabled: false })
    await expect(users.get('000000000000000000000000')).rejects.toMatchObject({
      code: 'user_not_found',
    })
  })

  it('disables a user: sessions end and sign-in is refused until enabled', async () => {
    const { users } = t.server.api
    const signedIn = await signIn('one@example.com')
    expect(signedIn.statusCode).toBe(200)
    const id = signedIn.json().user._id as string
    expect((await getUser(signedIn.json().session.token)).statusCode).toBe(200)
    const token = signedIn.json().session.token as string
    const disabled = await users.update(id, { disabled: true, emailVerified: true })
    expect(disabled).toMatchObject({ disabled: true, emailVerified: true })
    expect((await getUser(token)).statusCode).toBe(401)
    const refused = await signIn('one@example.com')
    expect(refused.statusCode).toBe(403)
    expect(refused.json().errors[0].code).toBe('user_disabled')
    await users.update(id, { disabled: false })
    expect((await signIn('one@example.com')).statusCode).toBe(200)
  })

  it('ends every session of a user', async () => {
    const { users } = t.server.api
    const first = await signIn('two@example.com')
    await signIn('two@example.com')
    const id = first.json().user._id as string
    expect(await users.revokeSessions(id)).toBeGreaterThanOrEqual(2)
    expect((await getUser(first.json().session.token)).statusCode).toBe(401)
  })
})
