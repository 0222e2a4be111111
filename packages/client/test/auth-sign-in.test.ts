import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
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
afterEach(() => {
  vi.unstubAllGlobals()
})

const AUTH = '/_api/rest/v1/auth'

/** The sign-in methods: each always saves a successful answer locally. */
const SIGN_INS: {
  name: string
  call: (auth: AuthManager) => Promise<AuthResult>
  url: string
  body: string
}[] = [
  {
    name: 'signInWithEmail',
    call: (auth) => auth.signInWithEmail('a+b@x.com', 'p&w'),
    url: `${AUTH}/signin-email`,
    body: JSON.stringify({ email: 'a+b@x.com', password: 'p&w' }),
  },
  {
    name: 'signInWithPhone',
    call: (auth) => auth.signInWithPhone('+1 555', 'pw'),
    url: `${AUTH}/signin-phone`,
    body: JSON.stringify({ phone: '+1 555', password: 'pw' }),
  },
  {
    name: 'signInWithCode',
    call: (auth) => auth.signInWithCode('+1 555', '12 3+4'),
    url: `${AUTH}/signin-code?code=12%203%2B4&phone=%2B1%20555`,
    body: '',
  },
]

describe.each(SIGN_INS)('$name', ({ call, url, body }) => {
  it('sends the published request and saves the answered user and session', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(200, grant('new-tok')))
    const result = await call(auth)
    expect(result).toEqual({ user: USER, session: sessionWith('new-tok'), errors: null })
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
    expect(auth.getUser()).toEqual(USER)
    await auth.getUserFromDB()
    expect(server.last().headers.session).toBe('new-tok')
  })

  it('leaves storage and the Session header untouched on an error answer', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    server.reply(json(401, errorBody('invalid_credentials'), 'Unauthorized'))
    const result = await call(auth)
    expect(result).toEqual({
      user: null,
      session: null,
      errors: apiError(401, 'Unauthorized', 'invalid_credentials'),
    })
    expect(entriesOf(storage)).toEqual({ session: OLD_SESSION, user: OLD_USER })
    expect(fetcher.getSessionToken()).toBe('old-tok')
  })

  it('replaces the old session even when the answer has a user only', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    server.reply(json(200, { user: USER, session: null }))
    expect(await call(auth)).toEqual({ user: USER, session: null, errors: null })
    expect(entriesOf(storage)).toEqual({ user: JSON.stringify(USER) })
    expect(fetcher.getSessionToken()).toBe('old-tok') // a null session does not change the header
  })

  it('gives null fields instead of throwing on a 2xx without a body', async () => {
    const { auth } = clientOf(server)
    server.reply({ status: 200, body: '' })
    expect(await call(auth)).toEqual({ user: null, session: null, errors: null })
  })
})

describe('signInWithCode query values', () => {
  it('sends null or undefined values as empty, not as the text "undefined"', async () => {
    const { auth } = clientOf(server)
    await auth.signInWithCode(undefined as unknown as string, null as unknown as string)
    expect(server.last().url).toBe(`${AUTH}/signin-code?code=&phone=`)
  })
})

describe('signInWithProvider', () => {
  it.each(['google', 'github'] as const)('sends a browser to <base>/_auth/%s', (provider) => {
    const location = { href: 'https://app.example.com/login' }
    vi.stubGlobal('window', { location })
    const { auth } = clientOf(server)
    auth.signInWithProvider(provider)
    expect(location.href).toBe(`${server.url}/_auth/${provider}`)
  })

  it('does nothing without a window: no request, no throw', async () => {
    const { auth } = clientOf(server)
    const before = server.requests.length
    expect(auth.signInWithProvider('google')).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.requests.length).toBe(before)
  })
})
