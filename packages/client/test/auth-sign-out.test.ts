import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../src/index.js'
import type { ClientStorage } from '../src/index.js'
import { fetcherOf, json, memoryStorage, startCaptureServer } from './capture-server.js'
import type { CaptureServer } from './capture-server.js'
import {
  apiError,
  clientOf,
  entriesOf,
  errorBody,
  OLD_SESSION,
  OLD_USER,
  sent,
} from './auth-fixtures.js'

let server: CaptureServer
beforeAll(async () => {
  server = await startCaptureServer()
})
afterAll(() => server.close())

const AUTH = '/_api/rest/v1/auth'
const OLD_STORAGE = { session: OLD_SESSION, user: OLD_USER }

describe('signOut', () => {
  it('without a token POSTs {} and forgets the local session on success', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    expect(await auth.signOut()).toEqual({ errors: null })
    expect(sent(server.last())).toEqual({
      method: 'POST',
      url: `${AUTH}/signout`,
      body: '{}',
      contentType: 'application/json',
      session: 'old-tok',
    })
    expect(storage.entries.size).toBe(0)
    expect(fetcher.getSessionToken()).toBeUndefined()
    await auth.getUserFromDB()
    expect(server.last().headers.session).toBeUndefined()
  })

  it('with the stored session token POSTs {token} and forgets the local session', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    expect(await auth.signOut('old-tok')).toEqual({ errors: null })
    expect(server.last().body).toBe('{"token":"old-tok"}')
    expect(storage.entries.size).toBe(0)
    expect(fetcher.getSessionToken()).toBeUndefined()
  })

  it('with another session token keeps the local session', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    expect(await auth.signOut('other-tok')).toEqual({ errors: null })
    expect(server.last().body).toBe('{"token":"other-tok"}')
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
    expect(fetcher.getSessionToken()).toBe('old-tok')
  })

  it('with the token in use but no storage still drops the Session header', async () => {
    const client = createClient(server.url, 'ck')
    client.auth.setSession({ token: 'mem-tok' } as never)
    await client.auth.signOut('mem-tok')
    expect(server.last().headers.session).toBe('mem-tok')
    expect(fetcherOf(client).getSessionToken()).toBeUndefined()
  })

  it('keeps the local session and returns the errors on an error answer', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    server.reply(json(403, errorBody('not_allowed'), 'Forbidden'))
    expect(await auth.signOut()).toEqual({ errors: apiError(403, 'Forbidden', 'not_allowed') })
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
    expect(fetcher.getSessionToken()).toBe('old-tok')
  })

  it('resolves {errors: null} when an exception is thrown (a failing storage)', async () => {
    let broken = false
    const base = memoryStorage({ session: OLD_SESSION })
    const storage: ClientStorage = {
      getItem: (key) => (broken ? fail() : base.getItem(key)),
      setItem: (key, value) => (broken ? fail() : base.setItem(key, value)),
      removeItem: (key) => (broken ? fail() : base.removeItem(key)),
    }
    const client = createClient(server.url, 'ck', { localStorage: storage })
    broken = true
    expect(await client.auth.signOut()).toEqual({ errors: null })
    expect(await client.auth.signOut('some-token')).toEqual({ errors: null })
    expect(server.requests.at(-1)?.url).toBe(`${AUTH}/signout`)
  })

  it('returns network_error when the server cannot be reached, keeping the session', async () => {
    const closed = await startCaptureServer()
    await closed.close()
    const storage = memoryStorage(OLD_STORAGE)
    const client = createClient(closed.url, 'ck', { localStorage: storage })
    const { errors } = await client.auth.signOut()
    expect(errors?.items[0]?.code).toBe('network_error')
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
  })
})

/** Throws like a storage that refuses access. */
function fail(): never {
  throw new Error('storage is not available')
}

describe('signOutAll', () => {
  it('POSTs /auth/signout-all without a body and forgets the local session', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    expect(await auth.signOutAll()).toEqual({ errors: null })
    expect(sent(server.last())).toEqual({
      method: 'POST',
      url: `${AUTH}/signout-all`,
      body: '',
      contentType: undefined,
      session: 'old-tok',
    })
    expect(storage.entries.size).toBe(0)
    expect(fetcher.getSessionToken()).toBeUndefined()
  })

  it('keeps the local session on an error answer', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    server.reply(json(500, errorBody('internal_server_error'), 'Internal Server Error'))
    expect(await auth.signOutAll()).toEqual({
      errors: apiError(500, 'Internal Server Error', 'internal_server_error'),
    })
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
    expect(fetcher.getSessionToken()).toBe('old-tok')
  })
})

describe('signOutAllExceptCurrent', () => {
  it('POSTs /auth/signout-all-except without a body and keeps the local session', async () => {
    const { auth, storage, fetcher } = clientOf(server)
    expect(await auth.signOutAllExceptCurrent()).toEqual({ errors: null })
    expect(sent(server.last())).toEqual({
      method: 'POST',
      url: `${AUTH}/signout-all-except`,
      body: '',
      contentType: undefined,
      session: 'old-tok',
    })
    expect(entriesOf(storage)).toEqual(OLD_STORAGE)
    expect(fetcher.getSessionToken()).toBe('old-tok')
  })

  it('returns the errors of an error answer', async () => {
    const { auth, storage } = clientOf(server)
    server.reply(json(401, errorBody('invalid_session_token'), 'Unauthorized'))
    expect(await auth.signOutAllExceptCurrent()).toEqual({
      errors: apiError(401, 'Unauthorized', 'invalid_session_token'),
    })
    expect(storage.entries.size).toBe(0) // the transport drops an invalid session
  })
})
