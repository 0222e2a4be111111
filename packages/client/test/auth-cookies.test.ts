import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { CookieRequest } from '../src/index.js'
import { json, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'
import { apiError, clientOf, errorBody, sent, USER } from './auth-fixtures.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())
afterEach(() => {
  vi.unstubAllGlobals()
})

const SET = 'session_token=tok%2F1%2B; Max-Age=31536000; Path=/; HttpOnly; Secure; SameSite=None'
const REMOVE = 'session_token=; Max-Age=-1; Path=/; HttpOnly; Secure; SameSite=None'
const NOT_FOUND = {
  user: null,
  errors: {
    status: 400,
    statusText: 'Bad Request',
    items: [
      {
        origin: 'session_token_error',
        code: 'session_token_not_found',
        message: "Cannot identify the session token 'session_token' from the request headers",
      },
    ],
  },
}

/** A server response stand-in with getHeader/setHeader, optionally holding a Set-Cookie. */
function fakeRes(setCookie?: unknown) {
  const headers = new Map<string, unknown>()
  if (setCookie !== undefined) headers.set('set-cookie', setCookie)
  return {
    headers,
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string[]) => void headers.set(name.toLowerCase(), value),
  }
}

/** Pretends to be a browser whose document.cookie is `cookie`. */
function inBrowser(cookie = '') {
  const document = { cookie }
  vi.stubGlobal('window', { location: { href: 'https://app.example.com/' } })
  vi.stubGlobal('document', document)
  return document
}

describe('setSessionCookie and removeSessionCookie on a server', () => {
  it('sets an encoded, HttpOnly, one-year session_token cookie on the response', () => {
    const res = fakeRes()
    clientOf(server).auth.setSessionCookie('tok/1+', {}, res)
    expect(res.headers.get('set-cookie')).toEqual([SET])
  })

  it('appends to the Set-Cookie values already on the response (list or single string)', () => {
    const { auth } = clientOf(server)
    const list = fakeRes(['a=1'])
    auth.setSessionCookie('tok/1+', {}, list)
    expect(list.headers.get('set-cookie')).toEqual(['a=1', SET])
    const single = fakeRes('b=2')
    auth.setSessionCookie('tok/1+', {}, single)
    expect(single.headers.get('set-cookie')).toEqual(['b=2', SET])
  })

  it('expires the cookie with an empty value and Max-Age=-1', () => {
    const res = fakeRes()
    clientOf(server).auth.removeSessionCookie({}, res)
    expect(res.headers.get('set-cookie')).toEqual([REMOVE])
  })

  it('does nothing without a response object', () => {
    const { auth } = clientOf(server)
    expect(() => auth.setSessionCookie('t', null, null)).not.toThrow()
    expect(() => auth.removeSessionCookie()).not.toThrow()
  })
})

describe('session cookie helpers in a browser', () => {
  it('write document.cookie without HttpOnly and leave a given response alone', () => {
    const document = inBrowser()
    const res = fakeRes()
    const { auth } = clientOf(server)
    auth.setSessionCookie('tok/1+', {}, res)
    expect(document.cookie).toBe(
      'session_token=tok%2F1%2B; Max-Age=31536000; Path=/; Secure; SameSite=None',
    )
    auth.removeSessionCookie({}, res)
    expect(document.cookie).toBe('session_token=; Max-Age=-1; Path=/; Secure; SameSite=None')
    expect(res.headers.size).toBe(0)
  })

  it('getUserFromDBbyCookie reads document.cookie', async () => {
    inBrowser('theme=dark; session_token=b-tok%3D')
    const { auth } = clientOf(server, { empty: true })
    server.reply(json(200, USER))
    expect(await auth.getUserFromDBbyCookie()).toEqual({ user: USER, errors: null })
    expect(server.last().headers.session).toBe('b-tok=')
  })
})

describe('getUserFromDBbyCookie on a server', () => {
  it('uses the cookie of the Cookie header as the session and GETs /auth/user', async () => {
    const { auth, storage, fetcher } = clientOf(server, { empty: true })
    const res = fakeRes()
    server.reply(json(200, USER))
    const req = { headers: { cookie: 'a=1; session_token=tok%2F1; b=2' } }
    expect(await auth.getUserFromDBbyCookie(req, res)).toEqual({ user: USER, errors: null })
    expect(sent(server.last())).toEqual({
      method: 'GET',
      url: '/_api/rest/v1/auth/user',
      body: '',
      contentType: undefined,
      session: 'tok/1',
    })
    expect(storage.entries.get('session')).toBe('{"token":"tok/1"}')
    expect(fetcher.getSessionToken()).toBe('tok/1')
    expect(res.headers.size).toBe(0)
  })

  it.each<[string, CookieRequest, string]>([
    ['req.cookies', { cookies: { session_token: 'parsed' } }, 'parsed'],
    [
      'the header over req.cookies',
      { cookies: { session_token: 'c' }, headers: { cookie: 'session_token=h' } },
      'h',
    ],
    [
      'req.cookies when the header lacks it',
      { cookies: { session_token: 'c' }, headers: { cookie: 'x=1' } },
      'c',
    ],
    ['a quoted header value', { headers: { cookie: 'session_token="q%20t"' } }, 'q t'],
  ])('reads %s', async (_from, req, token) => {
    await clientOf(server, { empty: true }).auth.getUserFromDBbyCookie(req, fakeRes())
    expect(server.last().headers.session).toBe(token)
  })

  it.each<[string, CookieRequest | undefined]>([
    ['no request', undefined],
    ['no cookie', { headers: {} }],
    ['other cookies only', { headers: { cookie: 'a=1; session_tokens=x' } }],
    ['an empty value', { headers: { cookie: 'session_token=' } }],
    ['the text "undefined"', { cookies: { session_token: 'undefined' } }],
  ])('returns session_token_not_found for %s, without a request', async (_name, req) => {
    const { auth, storage } = clientOf(server, { empty: true })
    const before = server.requests.length
    const res = fakeRes()
    expect(await auth.getUserFromDBbyCookie(req, res)).toEqual(NOT_FOUND)
    expect(server.requests.length).toBe(before)
    expect(storage.entries.size).toBe(0)
    expect(res.headers.size).toBe(0)
  })

  it('removes the cookie and the session when the server refuses the token', async () => {
    const { auth, storage, fetcher } = clientOf(server, { empty: true })
    const res = fakeRes()
    server.reply(json(401, errorBody('invalid_session_token'), 'Unauthorized'))
    const req = { headers: { cookie: 'session_token=stale' } }
    expect(await auth.getUserFromDBbyCookie(req, res)).toEqual({
      user: null,
      errors: apiError(401, 'Unauthorized', 'invalid_session_token'),
    })
    expect(server.last().headers.session).toBe('stale')
    expect(res.headers.get('set-cookie')).toEqual([REMOVE])
    expect(storage.entries.size).toBe(0)
    expect(fetcher.getSessionToken()).toBeUndefined()
  })
})
