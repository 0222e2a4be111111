import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthManager } from '../src/index.js'
import { json, sessionWith, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'
import {
  apiError,
  clientOf,
  entriesOf,
  errorBody,
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
const OLD_STORAGE = { session: OLD_SESSION, user: OLD_USER }

/** Methods answering `{errors}` only; none touches local data. */
const ERRORS_ONLY: {
  name: string
  call: (auth: AuthManager) => Promise<unknown>
  url: string
  body: string
}[] = [
  {
    name: 'resendVerificationEmail',
    call: (auth) => auth.resendVerificationEmail('a+b@x.com'),
    url: `${AUTH}/resend?email=a%2Bb%40x.com`,
    body: '',
  },
  {
    name: 'sendMagicLinkEmail',
    call: (auth) => auth.sendMagicLinkEmail('a+b@x.com'),
    url: `${AUTH}/send-magic?email=a%2Bb%40x.com`,
    body: '',
  },
  {
    name: 'sendResetPwdEmail',
    call: (auth) => auth.sendResetPwdEmail('a+b@x.com'),
    url: `${AUTH}/send-reset?email=a%2Bb%40x.com`,
    body: '',
  },
  {
    name: 'resendVerificationCode',
    call: (auth) => auth.resendVerificationCode('+1 555'),
    url: `${AUTH}/resend-code?phone=%2B1%20555`,
    body: '',
  },
  {
    name: 'sendResetPwdCode',
    call: (auth) => auth.sendResetPwdCode('+1 555'),
    url: `${AUTH}/send-reset-code?phone=%2B1%20555`,
    body: '',
  },
  {
    name: 'sendSignInCode',
    call: (auth) => auth.sendSignInCode('+1 555'),
    url: `${AUTH}/send-code?phone=%2B1%20555`,
    body: '',
  },
  {
    name: 'resetPwdWithToken',
    call: (auth) => auth.resetPwdWithToken('k+1&x=#', 'new pw'),
    url: `${AUTH}/reset-pwd?key=k%2B1%26x%3D%23`,
    body: JSON.stringify({ newPassword: 'new pw' }),
  },
  {
    name: 'resetPwdWithCode',
    call: (auth) => auth.resetPwdWithCode('+1 555', '12+3', 'np'),
    url: `${AUTH}/reset-pwd-code?phone=%2B1%20555&code=12%2B3`,
    body: JSON.stringify({ newPassword: 'np' }),
  },
  {
    name: 'changePassword',
    call: (auth) => auth.changePassword('new', 'old'),
    url: `${AUTH}/change-pwd`,
    body: JSON.stringify({ newPassword: 'new', oldPassword: 'old' }),
  },
]

describe.each(ERRORS_ONLY)('$name', ({ call, url, body }) => {
  it('POSTs the published path with encoded query values and returns {errors: null}', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(200, { ignored: true }))
    expect(await call(auth)).toEqual({ errors: null })
    expect(sent(server.last())).toEqual({
      method: 'POST',
      url,
      body,
      contentType: body ? 'application/json' : undefined,
      session: 'old-tok',
    })
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
  })

  it('returns {errors} on an error answer and keeps local data', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(429, errorBody('rate_limit_exceeded'), 'Too Many Requests'))
    expect(await call(auth)).toEqual({
      errors: apiError(429, 'Too Many Requests', 'rate_limit_exceeded'),
    })
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
  })
})

describe('methods answering a user', () => {
  it.each([
    ['changeEmail', (auth: AuthManager) => auth.changeEmail('cur', 'n+1@x.com'), 'change-email'],
    ['changePhone', (auth: AuthManager) => auth.changePhone('cur', '+1 777'), 'change-phone'],
  ])('%s POSTs the body and returns the user without storing it', async (name, call, path) => {
    const { auth, storage } = clientOf(server)
    server.reply(json(200, USER))
    expect(await call(auth)).toEqual({ user: USER, errors: null })
    const field = name === 'changeEmail' ? { newEmail: 'n+1@x.com' } : { newPhone: '+1 777' }
    expect(sent(server.last())).toEqual({
      method: 'POST',
      url: `${AUTH}/${path}`,
      body: JSON.stringify({ currentPassword: 'cur', ...field }),
      contentType: 'application/json',
      session: 'old-tok',
    })
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
    server.reply(json(400, errorBody('invalid_credentials'), 'Bad Request'))
    expect(await call(auth)).toEqual({
      user: null,
      errors: apiError(400, 'Bad Request', 'invalid_credentials'),
    })
  })

  it('getUserFromDB GETs /auth/user and does not touch storage', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(200, USER))
    expect(await auth.getUserFromDB()).toEqual({ user: USER, errors: null })
    expect(sent(server.last())).toMatchObject({ method: 'GET', url: `${AUTH}/user`, body: '' })
    expect(server.last().headers.session).toBe('old-tok')
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
  })

  it('getUserFromDB answered invalid_session_token clears the session', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    server.reply(json(401, errorBody('invalid_session_token'), 'Unauthorized'))
    expect(await auth.getUserFromDB()).toEqual({
      user: null,
      errors: apiError(401, 'Unauthorized', 'invalid_session_token'),
    })
    expect(storage.entries.size).toBe(0)
    expect(fetcher.getSessionToken()).toBeUndefined()
  })
})

describe('getAllSessions', () => {
  it('GETs /auth/sessions and returns {sessions}', async () => {
    const { auth, storage } = clientOf(server)
    const list = [sessionWith('old-tok'), sessionWith('other')]
    server.reply(json(200, list))
    expect(await auth.getAllSessions()).toEqual({ sessions: list, errors: null })
    expect(sent(server.last())).toEqual({
      method: 'GET',
      url: `${AUTH}/sessions`,
      body: '',
      contentType: undefined,
      session: 'old-tok',
    })
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
  })

  it('returns {sessions: null, errors} on an error answer', async () => {
    const { auth, storage } = clientOf(server, { empty: true })
    server.reply(json(401, errorBody('missing_session_token'), 'Unauthorized'))
    expect(await auth.getAllSessions()).toEqual({
      sessions: null,
      errors: apiError(401, 'Unauthorized', 'missing_session_token'),
    })
    expect(server.last().headers.session).toBeUndefined()
    expect(storage.entries.size).toBe(0)
  })
})
