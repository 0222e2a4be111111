import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { accessTokenFromUrl } from '../src/auth-link-flows.js'
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

const GRANT = '/_api/rest/v1/auth/grant'

/** Pretends to be a browser on the page `href`. */
function onPage(href: string) {
  vi.stubGlobal('window', { location: { href } })
}

describe('getAuthGrant', () => {
  it('GETs /auth/grant?key=<token> and saves the user and session', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(200, grant('granted')))
    const result = await auth.getAuthGrant('tok+en/1')
    expect(result).toEqual({ user: USER, session: sessionWith('granted'), errors: null })
    expect(sent(server.last())).toEqual({
      method: 'GET',
      url: `${GRANT}?key=tok%2Ben%2F1`,
      body: '',
      contentType: undefined,
      session: 'old-tok',
    })
    expect(entriesOf(storage)).toEqual({
      session: JSON.stringify(sessionWith('granted')),
      user: JSON.stringify(USER),
    })
    await auth.signOutAllExceptCurrent()
    expect(server.last().headers.session).toBe('granted')
  })

  it('leaves storage untouched on an error answer', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(400, errorBody('invalid_access_token'), 'Bad Request'))
    expect(await auth.getAuthGrant('used')).toEqual({
      user: null,
      session: null,
      errors: apiError(400, 'Bad Request', 'invalid_access_token'),
    })
    expect(entriesOf(storage)).toEqual({ session: OLD_SESSION, user: OLD_USER })
  })

  it.each([
    ['the query', 'https://app.example.com/cb?access_token=abc123&action=verify', 'abc123'],
    ['after &', 'https://app.example.com/cb?action=x&access_token=t-2', 't-2'],
    ['the fragment', 'https://app.example.com/cb#access_token=frag&x=1', 'frag'],
    ['+ and %XX', 'https://app.example.com/cb?access_token=a+b%2Bc%20d', 'a%20b%2Bc%20d'],
  ])('takes access_token from %s of the page URL', async (_where, href, key) => {
    onPage(href)
    await clientOf(server).auth.getAuthGrant()
    expect(server.last().url).toBe(`${GRANT}?key=${key}`)
  })

  it('prefers the argument to the page URL, and an empty argument reads the URL', async () => {
    onPage('https://app.example.com/cb?access_token=from-url')
    const { auth } = clientOf(server)
    await auth.getAuthGrant('from-arg')
    expect(server.last().url).toBe(`${GRANT}?key=from-arg`)
    await auth.getAuthGrant('')
    expect(server.last().url).toBe(`${GRANT}?key=from-url`)
  })

  it('sends an empty key without a window or without access_token', async () => {
    await clientOf(server).auth.getAuthGrant()
    expect(server.last().url).toBe(`${GRANT}?key=`)
    onPage('https://app.example.com/cb?my_access_token=no')
    await clientOf(server).auth.getAuthGrant()
    expect(server.last().url).toBe(`${GRANT}?key=`)
  })
})

describe('accessTokenFromUrl', () => {
  it.each([
    ['https://a.b/?access_token=x', 'x'],
    ['https://a.b/?access_token=', null],
    ['https://a.b/?access_token&y=1', null],
    ['https://a.b/?access_tokens=x', null],
    ['https://a.b/?access_token=%E0%A4%A+x', '%E0%A4%A x'], // malformed: kept, + still a space
    ['https://a.b/p?q=1#access_token=h%3D1', 'h=1'],
  ])('reads %s as %j', (href, token) => {
    expect(accessTokenFromUrl(href)).toBe(token)
  })
})
