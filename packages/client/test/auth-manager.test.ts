import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthManager, createClient } from '../src/index.js'
import type { User } from '../src/index.js'
import { fetcherOf, memoryStorage, sessionWith } from './capture-server.js'

const USER = { _id: 'u1', provider: 'altogic', email: 'a@b.c' } as User

/** A client on an unused URL (these tests send nothing) with a memory storage. */
function setup(options: { signInRedirect?: string } = {}) {
  const storage = memoryStorage()
  const client = createClient('http://127.0.0.1:9', 'k', { localStorage: storage, ...options })
  return { storage, client, auth: client.auth, fetcher: fetcherOf(client) }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('AuthManager local session', () => {
  it('is created with the client and is always the same instance', () => {
    const { client } = setup()
    expect(client.auth).toBeInstanceOf(AuthManager)
    expect(client.auth).toBe(client.auth)
  })

  it('stores the session as JSON and uses its token', () => {
    const { storage, auth, fetcher } = setup()
    auth.setSession(sessionWith('t-1'))
    expect(storage.entries.get('session')).toBe(JSON.stringify(sessionWith('t-1')))
    expect(auth.getSession()).toEqual(sessionWith('t-1'))
    expect(fetcher.getSessionToken()).toBe('t-1')
  })

  it('stores a session without token but leaves the header alone', () => {
    const { storage, auth, fetcher } = setup()
    auth.setSession({ userId: 'u1' } as never)
    expect(storage.entries.has('session')).toBe(true)
    expect(fetcher.getSessionToken()).toBeUndefined()
  })

  it('stores and reads the user', () => {
    const { storage, auth } = setup()
    expect(auth.getUser()).toBeNull()
    auth.setUser(USER)
    expect(JSON.parse(storage.entries.get('user')!)).toEqual(USER)
    expect(auth.getUser()).toEqual(USER)
  })

  it('clearLocalData removes both keys but keeps the Session header', () => {
    const { storage, auth, fetcher } = setup()
    auth.setSession(sessionWith('t-2'))
    auth.setUser(USER)
    auth.clearLocalData()
    expect(storage.entries.size).toBe(0)
    expect(auth.getSession()).toBeNull()
    expect(fetcher.getSessionToken()).toBe('t-2')
  })

  it('invalidateSession removes both keys and the Session header', () => {
    const { storage, auth, fetcher } = setup()
    auth.setSession(sessionWith('t-3'))
    auth.setUser(USER)
    auth.invalidateSession()
    expect(storage.entries.size).toBe(0)
    expect(fetcher.getSessionToken()).toBeUndefined()
  })

  it('invalidateSession redirects to signInRedirect when a window exists', () => {
    const location = { href: 'https://app.example.com/page' }
    vi.stubGlobal('window', { location })
    setup({ signInRedirect: 'https://app.example.com/login' }).auth.invalidateSession()
    expect(location.href).toBe('https://app.example.com/login')
  })

  it('invalidateSession does not navigate without signInRedirect', () => {
    const location = { href: 'https://app.example.com/page' }
    vi.stubGlobal('window', { location })
    setup().auth.invalidateSession()
    expect(location.href).toBe('https://app.example.com/page')
  })

  it('works without storage: nothing persisted, header still set', () => {
    const client = createClient('http://127.0.0.1:9', 'k')
    client.auth.setSession(sessionWith('t-4'))
    client.auth.setUser(USER)
    expect(client.auth.getSession()).toBeNull()
    expect(client.auth.getUser()).toBeNull()
    expect(fetcherOf(client).getSessionToken()).toBe('t-4')
    expect(() => client.auth.invalidateSession()).not.toThrow()
    expect(fetcherOf(client).getSessionToken()).toBeUndefined()
  })
})
