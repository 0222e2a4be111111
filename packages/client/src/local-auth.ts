import { APIBase } from './api-base.js'
import { createAuthContext, type AuthContext } from './auth-context.js'
import type { Fetcher } from './fetcher.js'
import { LocalSessionStore } from './local-session-store.js'
import type { ClientOptions } from './options.js'
import type { Session, User } from './types.js'

/**
 * The local half of the auth manager: the stored session and user, and the context the auth
 * flows act on. `AuthManager` adds the server routes.
 */
export class LocalAuth extends APIBase {
  protected readonly context: AuthContext
  readonly #store: LocalSessionStore
  readonly #signInRedirect?: string

  /** Keeps the session in `localStorage` (if given); `signInRedirect` is optional. */
  constructor(fetcher: Fetcher, { localStorage, signInRedirect }: ClientOptions) {
    super(fetcher)
    this.#store = new LocalSessionStore(localStorage)
    this.#signInRedirect = signInRedirect
    this.context = createAuthContext(fetcher, this.#store)
  }

  /** The stored session, or null (no storage, nothing stored, or unreadable JSON). */
  getSession(): Session | null {
    return this.#store.session()
  }

  /** The stored user, or null. */
  getUser(): User | null {
    return this.#store.user()
  }

  /** Uses the session for later requests (if it has a token) and stores it. */
  setSession(session: Session): void {
    this.fetcher.setSession(session)
    this.#store.save(null, session)
  }

  /** Stores the user. */
  setUser(user: User): void {
    this.#store.save(user, null)
  }

  /** Removes the stored session and user; the `Session` header is kept. */
  clearLocalData(): void {
    this.#store.clear()
  }

  /** Forgets the session everywhere and, in a browser, goes to `signInRedirect` if set. */
  invalidateSession(): void {
    this.clearLocalData()
    this.fetcher.clearSession()
    if (globalThis.window && this.#signInRedirect) {
      globalThis.window.location.href = this.#signInRedirect
    }
  }
}
