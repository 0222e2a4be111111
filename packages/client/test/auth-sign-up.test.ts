import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthManager, AuthResult } from '../src/index.js'
import { json, sessionWith, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'
import {
  apiError,
  clientOf,
  entriesOf,
  errorBody,
  grant,
  OLD_SESSION,
  OLD_USER,
  sent,
  USER,
} from './auth-fixtures.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

const AUTH = '/_api/rest/v1/auth'

/** The methods that save locally only when the answer carries a session. */
const SESSION_IF_ANSWERED: {
  name: string
  call: (auth: AuthManager) => Promise<AuthResult>
  url: string
  body: string
}[] = [
  {
    name: 'signUpWithEmail',
    call: (auth) => auth.signUpWithEmail('a+b@x.com', 'pw', 'Ann'),
    url: `${AUTH}/signup-email`,
    body: JSON.stringify({ email: 'a+b@x.com', password: 'pw', nameOrUserData: 'Ann' }),
  },
  {
    name: 'signUpWithPhone',
    call: (auth) => auth.signUpWithPhone('+1 555', 'pw', { name: 'Ann', phoneVerified: true }),
    url: `${AUTH}/signup-phone`,
    body: JSON.stringify({
      phone: '+1 555',
      password: 'pw',
      nameOrUserData: { name: 'Ann', phoneVerified: true },
    }),
  },
  {
    name: 'verifyPhone',
    call: (auth) => auth.verifyPhone('+1 555', '12+34'),
    url: `${AUTH}/verify-phone?code=12%2B34&phone=%2B1%20555`,
    body: '',
  },
]

describe.each(SESSION_IF_ANSWERED)('$name', ({ call, url, body }) => {
  it('sends the published request and saves an answer with a session', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(201, grant('new-tok')))
    expect(await call(auth)).toEqual({ user: USER, session: sessionWith('new-tok'), errors: null })
    expect(sent(server.last())).toEqual({
      method: 'POST',
      url,
      body,
      contentType: body ? 'application/json' : undefined,
      session: 'old-tok',
    })
    expect(entriesOf(storage)).toEqual({
      session: JSON.stringify(sessionWith('new-tok')),
      user: JSON.stringify(USER),
    })
    await auth.getAllSessions()
    expect(server.last().headers.session).toBe('new-tok')
  })

  it.each([
    ['a null session', { user: USER, session: null }],
    ['no session field', { user: USER }],
  ])('returns the user with session null and keeps storage for %s', async (_name, answer) => {
    const { auth, storage, fetcher } = clientOf(server)
    server.reply(json(200, answer))
    expect(await call(auth)).toEqual({ user: USER, session: null, errors: null })
    expect(entriesOf(storage)).toEqual({ session: OLD_SESSION, user: OLD_USER })
    expect(fetcher.getSessionToken()).toBe('old-tok')
  })

  it('leaves storage untouched and returns the errors on an error answer', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(400, errorBody('email_not_unique'), 'Bad Request'))
    expect(await call(auth)).toEqual({
      user: null,
      session: null,
      errors: apiError(400, 'Bad Request', 'email_not_unique'),
    })
    expect(entriesOf(storage)).toEqual({ session: OLD_SESSION, user: OLD_USER })
  })
})

describe('sign-up bodies', () => {
  it('leaves nameOrUserData out when it is not given', async () => {
    const { auth } = clientOf(server)
    await auth.signUpWithEmail('e@x.com', 'pw')
    expect(JSON.parse(server.last().body)).toEqual({ email: 'e@x.com', password: 'pw' })
    await auth.signUpWithPhone('+1', 'pw')
    expect(JSON.parse(server.last().body)).toEqual({ phone: '+1', password: 'pw' })
  })

  it('sends no Session header from a fresh client and stores the first session', async () => {
    const { auth, storage } = clientOf(server, { empty: true })
    server.reply(json(200, grant('first')))
    await auth.signUpWithEmail('e@x.com', 'pw', { emailVerified: true })
    expect(server.last().headers.session).toBeUndefined()
    expect(JSON.parse(server.last().body).nameOrUserData).toEqual({ emailVerified: true })
    expect(auth.getSession()).toEqual(sessionWith('first'))
    expect(storage.entries.size).toBe(2)
  })
})
