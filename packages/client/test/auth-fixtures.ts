import { createClient } from '../src/index.js'
import type { AltogicClient, User } from '../src/index.js'
import { fetcherOf, memoryStorage, sessionWith } from './capture-server.js'
import type { CaptureServer, RecordedRequest } from './capture-server.js'

/** The user the scripted server answers with. */
export const USER: User = {
  _id: 'u1',
  provider: 'altogic',
  providerUserId: 'u1',
  email: 'a@b.c',
  lastLoginAt: '2024-01-02T00:00:00.000Z',
  signUpAt: '2024-01-01T00:00:00.000Z',
  phone: '+15550001',
}

/** What was stored before each call: a previous sign-in. */
export const OLD_SESSION = JSON.stringify(sessionWith('old-tok'))
export const OLD_USER = JSON.stringify({ _id: 'old-user' })

/** A sign-in answer body with a session of token `token`. */
export function grant(token: string) {
  return { user: USER, session: sessionWith(token) }
}

/** An error answer body holding one entry of code `code`. */
export function errorBody(code: string) {
  return { errors: [{ origin: 'client_error', code, message: `${code} happened` }] }
}

/** The `errors` a client returns for `errorBody(code)` answered with `status`/`reason`. */
export function apiError(status: number, reason: string, code: string) {
  return { status, statusText: reason, items: errorBody(code).errors }
}

/** A client of `server` whose storage holds a previous session and user (unless `empty`). */
export function clientOf(server: CaptureServer, { empty = false } = {}) {
  const storage = memoryStorage(empty ? {} : { session: OLD_SESSION, user: OLD_USER })
  const client: AltogicClient = createClient(server.url, 'ck', { localStorage: storage })
  return { client, auth: client.auth, storage, fetcher: fetcherOf(client) }
}

/** The parts of a recorded request the auth tests check. */
export function sent(request: RecordedRequest) {
  return {
    method: request.method,
    url: request.url,
    body: request.body,
    contentType: request.headers['content-type'],
    session: request.headers.session,
  }
}

/** The storage entries as an object, for whole-state comparisons. */
export function entriesOf(storage: { entries: Map<string, string> }): Record<string, string> {
  return Object.fromEntries(storage.entries)
}
