import { createClient as createPublishedClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import { json, memoryStorage, startCaptureServer } from './capture-server.js'
import type { CaptureServer, RecordedRequest, Reply } from './capture-server.js'
import { errorBody, grant, OLD_SESSION, OLD_USER } from './auth-fixtures.js'

// Basalt's client and the published altogic@2.3.9 client, side by side against the same
// scripted server: same request (query values compared decoded, since Basalt encodes values
// the published client sent raw), same result, same storage afterwards.

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

type AnyMethod = (...args: unknown[]) => unknown

/** Method, path, decoded query pairs, body and the headers that matter. */
function normalized(request: RecordedRequest) {
  const [path, search = ''] = request.url.split('?')
  const query = search
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=').map((part) => decodeURIComponent(part)))
  const { session, 'content-type': contentType, 'x-client-key': clientKey } = request.headers
  return {
    method: request.method,
    path,
    query,
    body: request.body,
    session,
    contentType,
    clientKey,
  }
}

/** A fake server response that records Set-Cookie. */
function fakeRes() {
  let value: unknown
  return {
    getHeader: () => value,
    setHeader: (_name: string, next: unknown) => void (value = next),
    get setCookie() {
      return value
    },
  }
}

/** Runs `method(...args())` on a fresh client (`published` or Basalt) answered with `reply`. */
async function run(published: boolean, method: string, args: () => unknown[], reply: Reply) {
  const storage = memoryStorage({ session: OLD_SESSION, user: OLD_USER })
  const options = { localStorage: storage }
  const client = published
    ? createPublishedClient(server.url, 'ck', options)
    : createClient(server.url, 'ck', options)
  server.reply(reply)
  const before = server.requests.length
  const callArgs = args()
  const result = await (client.auth as unknown as Record<string, AnyMethod>)[method]!(...callArgs)
  const request = server.requests.length > before ? normalized(server.last()) : null
  const res = callArgs.find((arg) => arg instanceof Object && 'setCookie' in arg)
  const setCookie = (res as ReturnType<typeof fakeRes> | undefined)?.setCookie
  return { result, request, storage: Object.fromEntries(storage.entries), setCookie }
}

const CASES: [string, () => unknown[]][] = [
  ['signUpWithEmail', () => ['ann@x.com', 'pw', { name: 'Ann' }]],
  ['signUpWithPhone', () => ['+1 555', 'pw', 'Ann']],
  ['signInWithEmail', () => ['ann@x.com', 'pw']],
  ['signInWithPhone', () => ['+1 555', 'pw']],
  ['signInWithCode', () => ['+1 555', '123456']],
  ['signOut', () => []],
  ['signOut', () => ['old-tok']],
  ['signOut', () => ['other-tok']],
  ['signOutAll', () => []],
  ['signOutAllExceptCurrent', () => []],
  ['getAllSessions', () => []],
  ['getUserFromDB', () => []],
  ['changePassword', () => ['new', 'old']],
  ['getAuthGrant', () => ['tok-1']],
  ['getAuthGrant', () => []],
  ['resendVerificationEmail', () => ['ann@x.com']],
  ['resendVerificationCode', () => ['+1 555']],
  ['sendMagicLinkEmail', () => ['ann@x.com']],
  ['sendResetPwdEmail', () => ['ann@x.com']],
  ['sendResetPwdCode', () => ['+1 555']],
  ['sendSignInCode', () => ['+1 555']],
  ['resetPwdWithToken', () => ['tok-1', 'np']],
  ['resetPwdWithCode', () => ['+1 555', '123456', 'np']],
  ['changeEmail', () => ['pw', 'new@x.com']],
  ['changePhone', () => ['pw', '+1 777']],
  ['verifyPhone', () => ['+1 555', '123456']],
  ['getUserFromDBbyCookie', () => [{ headers: { cookie: 'session_token=c%2F1' } }, fakeRes()]],
]

describe.each([
  ['a success answer', json(200, grant('new-tok'))],
  ['an error answer', json(400, errorBody('validation_error'), 'Bad Request')],
])('parity with altogic@2.3.9 on %s', (_answer, reply) => {
  it.each(CASES)('%s(%#)', async (method, args) => {
    const published = await run(true, method, args, reply)
    const basalt = await run(false, method, args, reply)
    expect(published.request).not.toBeNull()
    expect(basalt).toEqual(published)
  })
})

describe('parity of the cookie writers', () => {
  it.each([
    ['setSessionCookie', () => ['tok/1+', {}, fakeRes()]],
    ['removeSessionCookie', () => [{}, fakeRes()]],
  ] as [string, () => unknown[]][])('%s sets the same Set-Cookie', async (method, args) => {
    const published = await run(true, method, args, json(200, {}))
    const basalt = await run(false, method, args, json(200, {}))
    expect(published.setCookie).toEqual([expect.stringContaining('session_token=')])
    expect(basalt).toEqual(published)
  })
})
