import type { Database, Queryable } from '../../adapters/database/database.js'
import { hashSecret, randomSecret } from '../../tools/secrets.js'
import type { RequestSession, SessionResolver } from '../sessions/session-resolver.js'
import {
  deleteSession,
  deleteUserSessions,
  findListedSession,
  findSession,
  insertSession,
} from './session-store.js'
import type { StoredSession } from './session-store.js'
import { parseUserAgent } from './user-agent.js'
import type { Session } from './user-types.js'

/** The NOTIFY channel on which any process announces signed-out sessions. */
export const SESSIONS_CHANNEL = 'basalt_sessions'

const CACHE_TTL_MS = 60_000
const CACHE_MAX = 50_000

/**
 * Creates, resolves and ends sessions. Tokens are 256-bit random secrets stored only as hashes.
 * Resolution is cached in memory so an authenticated request costs no database round trip; a
 * sign-out is announced on a NOTIFY channel so every process forgets the session at once.
 */
export class SessionService implements SessionResolver {
  // Keyed by the token itself, so that a hit costs no hashing; #byHash finds entries again when
  // a sign-out is announced by hash.
  readonly #cache = new Map<string, { session: StoredSession; loadedAt: number }>()
  readonly #byHash = new Map<string, string>()

  constructor(
    private readonly db: Database,
    private readonly ttlSeconds: number,
  ) {}

  /** Subscribes to sign-outs from every process. */
  async start(): Promise<void> {
    await this.db.listen(SESSIONS_CHANNEL, (payload) => this.#forget(payload))
  }

  /** Creates a session for a user; the answer carries the token, shown this once. */
  async create(tx: Queryable, userId: string, userAgent: string | undefined): Promise<Session> {
    const token = randomSecret(32)
    const info = parseUserAgent(userAgent)
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000)
    const createdAt = await insertSession(tx, {
      tokenHash: hashSecret(token),
      userId,
      expiresAt,
      userAgent: info,
    })
    return {
      userId,
      token,
      creationDtm: createdAt.toISOString(),
      userAgent: info,
      accessGroupKeys: [],
    }
  }

  async resolve(token: string): Promise<RequestSession | undefined> {
    const cached = this.#cache.get(token)
    const now = Date.now()
    let session = cached && now - cached.loadedAt < CACHE_TTL_MS ? cached.session : undefined
    if (!session) {
      session = await findSession(this.db, hashSecret(token))
      if (session) this.#remember(token, session, now)
    }
    if (!session || session.expiresAt.getTime() <= now) return undefined
    return { userId: session.userId, token }
  }

  /** A live session in its listed shape (the token is its public id), by its token. */
  async listed(db: Queryable, token: string): Promise<Session | undefined> {
    return findListedSession(db, hashSecret(token))
  }

  /**
   * Ends one session of a user, by its token or its listed id (the hash); answers the ended
   * session (listed shape), if it existed.
   */
  async end(userId: string, tokenOrId: string): Promise<Session | undefined> {
    const hashes = [hashSecret(tokenOrId), tokenOrId]
    let ended: Session | undefined
    for (const hash of hashes) ended = (await deleteSession(this.db, userId, hash)) ?? ended
    await this.#announce(ended ? hashes.join(',') : '')
    return ended
  }

  /** Ends every session of a user, but the one with `keepToken`; answers those ended. */
  async endAll(tx: Queryable, userId: string, keepToken?: string): Promise<Session[]> {
    const ended = await deleteUserSessions(tx, userId, keepToken && hashSecret(keepToken))
    this.#forget(`user:${userId}`)
    await tx.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, `user:${userId}`])
    return ended
  }

  async #announce(payload: string): Promise<void> {
    if (!payload) return
    this.#forget(payload) // here at once; the other processes when the notification arrives
    await this.db.query('SELECT pg_notify($1, $2)', [SESSIONS_CHANNEL, payload])
  }

  /** `*` (missed notifications), `user:<id>` (all of a user's) or comma-separated hashes. */
  #forget(payload: string): void {
    if (payload === '*') {
      this.#cache.clear()
      this.#byHash.clear()
    } else if (payload.startsWith('user:')) {
      const userId = payload.slice(5)
      for (const [token, entry] of this.#cache) {
        if (entry.session.userId === userId) this.#drop(token, entry.session.tokenHash)
      }
    } else {
      for (const hash of payload.split(',')) {
        const token = this.#byHash.get(hash)
        if (token !== undefined) this.#drop(token, hash)
      }
    }
  }

  #drop(token: string, hash: string): void {
    this.#cache.delete(token)
    this.#byHash.delete(hash)
  }

  #remember(token: string, session: StoredSession, now: number): void {
    if (this.#cache.size >= CACHE_MAX) {
      const [oldest, entry] = this.#cache.entries().next().value ?? []
      if (oldest !== undefined && entry) this.#drop(oldest, entry.session.tokenHash)
    }
    this.#cache.set(token, { session, loadedAt: now })
    this.#byHash.set(session.tokenHash, token)
  }
}
