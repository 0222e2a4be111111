import { APIBase } from './api-base.js'
import type { AltogicClient } from './client.js'
import type { Fetcher } from './fetcher.js'
import type { ClientOptions } from './options.js'
import type { ClientStorage, Session, User } from './types.js'

const SESSION_KEY = 'session'
const USER_KEY = 'user'

/** Users and sessions: the locally stored session and user, and (later) the auth routes. */
export class AuthManager extends APIBase {
  protected readonly client: AltogicClient
  readonly #storage?: ClientStorage
  readonly #signInRedirect?: string

  /** Creates the auth manager; `localStorage` persists the session, `signInRedirect` is optional. */
  constructor(
    client: AltogicClient,
    fetcher: Fetcher,
    { localStorage, signInRedirect }: ClientOptions,
  ) {
    super(fetcher)
    this.client = client
    this.#storage = localStorage
    this.#signInRedirect = signInRedirect
  }

  /** The stored session, or null (no storage, nothing stored, or unreadable JSON). */
  getSession(): Session | null {
    return this.#read<Session>(SESSION_KEY)
  }

  /** The stored user, or null. */
  getUser(): User | null {
    return this.#read<User>(USER_KEY)
  }

  /** Uses the session for later requests (if it has a token) and stores it. */
  setSession(session: Session): void {
    this.fetcher.setSession(session)
    if (this.#storage && session) this.#storage.setItem(SESSION_KEY, JSON.stringify(session))
  }

  /** Stores the user. */
  setUser(user: User): void {
    if (this.#storage && user) this.#storage.setItem(USER_KEY, JSON.stringify(user))
  }

  /** Removes the stored session and user; the `Session` header is kept. */
  clearLocalData(): void {
    this.#storage?.removeItem(SESSION_KEY)
    this.#storage?.removeItem(USER_KEY)
  }

  /** Forgets the session everywhere and, in a browser, goes to `signInRedirect` if set. */
  invalidateSession(): void {
    this.clearLocalData()
    this.fetcher.clearSession()
    if (globalThis.window && this.#signInRedirect) {
      globalThis.window.location.href = this.#signInRedirect
    }
  }

  #read<T>(key: string): T | null {
    const stored = this.#storage?.getItem(key)
    if (!stored) return null
    try {
      return JSON.parse(stored) as T
    } catch {
      return null // a corrupt entry must not break the client's construction
    }
  }
}
