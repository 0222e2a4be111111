import type { ClientStorage, Session, User } from './types.js'

const SESSION_KEY = 'session'
const USER_KEY = 'user'

/** The `session` and `user` entries of the client's storage, kept as JSON. */
export class LocalSessionStore {
  readonly #storage?: ClientStorage

  /** Wraps `storage`; without one nothing is kept and every read is null. */
  constructor(storage?: ClientStorage) {
    this.#storage = storage
  }

  /** The stored session, or null. */
  session(): Session | null {
    return this.#read<Session>(SESSION_KEY)
  }

  /** The stored user, or null. */
  user(): User | null {
    return this.#read<User>(USER_KEY)
  }

  /** Stores whichever of `user` and `session` is truthy. */
  save(user: User | null | undefined, session: Session | null | undefined): void {
    if (!this.#storage) return
    if (session) this.#storage.setItem(SESSION_KEY, JSON.stringify(session))
    if (user) this.#storage.setItem(USER_KEY, JSON.stringify(user))
  }

  /** Removes both entries. */
  clear(): void {
    this.#storage?.removeItem(SESSION_KEY)
    this.#storage?.removeItem(USER_KEY)
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
