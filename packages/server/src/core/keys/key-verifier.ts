import type { Database, Queryable } from '../../adapters/database/database.js'
import { fail } from '../../tools/errors.js'
import { hashSecret } from '../../tools/secrets.js'
import { isKeyActive, isOriginAllowed, apiKeyAllows } from './key-rules.js'
import { findKeyByHash } from './key-store.js'
import type { KeyRecord } from './key-types.js'

/** The NOTIFY channel on which any process announces that keys changed. */
export const KEYS_CHANNEL = 'basalt_keys'

/** Tells every process (this one included) that a key changed; delivered at commit. */
export async function announceKeyChange(db: Queryable, keyId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [KEYS_CHANNEL, keyId])
}

interface CacheEntry {
  record: KeyRecord | undefined
  loadedAt: number
}

/** Tuning of the key cache. */
export interface KeyVerifierOptions {
  /** How long a looked-up key is trusted without asking the database again. */
  ttlMs?: number
  /** How long an unknown secret is remembered as unknown. */
  negativeTtlMs?: number
  /** At most this many secrets are cached; the oldest go first. */
  maxEntries?: number
}

/**
 * Checks client and API keys. Lookups are cached in memory so that a request costs no database
 * round trip; every process drops its cache when any process creates or revokes a key (NOTIFY),
 * and entries also expire on their own as a safety net.
 */
export class KeyVerifier {
  readonly #cache = new Map<string, CacheEntry>()
  readonly #ttlMs: number
  readonly #negativeTtlMs: number
  readonly #maxEntries: number

  constructor(
    private readonly db: Database,
    options: KeyVerifierOptions = {},
  ) {
    this.#ttlMs = options.ttlMs ?? 60_000
    this.#negativeTtlMs = options.negativeTtlMs ?? 5_000
    this.#maxEntries = options.maxEntries ?? 10_000
  }

  /** Subscribes to key changes from every process. */
  async start(): Promise<void> {
    await this.db.listen(KEYS_CHANNEL, () => this.forget())
  }

  /**
   * Drops every cached lookup. A key changed by this process is forgotten here at once rather
   * than when its own notification comes back.
   */
  forget(): void {
    this.#cache.clear()
  }

  /**
   * The active key with this secret, from the cache when fresh. The cache is keyed by the secret
   * itself, so a hit costs no hashing.
   */
  async lookup(secret: string): Promise<KeyRecord | undefined> {
    const cached = this.#cache.get(secret)
    const now = Date.now()
    if (cached && now - cached.loadedAt < (cached.record ? this.#ttlMs : this.#negativeTtlMs)) {
      return cached.record && isKeyActive(cached.record, now) ? cached.record : undefined
    }
    const record = await findKeyByHash(this.db, hashSecret(secret))
    this.#remember(secret, { record, loadedAt: now })
    return record && isKeyActive(record, now) ? record : undefined
  }

  /** The client key of a request, or a 401/403 error. */
  async verifyClientKey(secret: string, origin: string | undefined): Promise<KeyRecord> {
    const key = await this.lookup(secret)
    if (!key || key.type !== 'client') throw fail('invalid_client_key')
    if (!isOriginAllowed(key.domains, origin)) throw domainError(origin)
    return key
  }

  /** The API key of a request to `method path`, or a 401/403 error. */
  async verifyApiKey(
    secret: string,
    origin: string | undefined,
    method: string,
    path: string,
  ): Promise<KeyRecord> {
    const key = await this.lookup(secret)
    if (!key || key.type !== 'api') throw fail('invalid_api_key')
    if (!isOriginAllowed(key.domains, origin)) throw domainError(origin)
    if (!apiKeyAllows(key, method, path)) {
      throw fail('endpoint_not_allowed', undefined, { method, path })
    }
    return key
  }

  /** Forgets every cached key (after a change this process made itself, say). */
  clear(): void {
    this.#cache.clear()
  }

  #remember(secret: string, entry: CacheEntry): void {
    if (this.#cache.size >= this.#maxEntries) {
      const oldest = this.#cache.keys().next().value
      if (oldest !== undefined) this.#cache.delete(oldest)
    }
    this.#cache.set(secret, entry)
  }
}

function domainError(origin: string | undefined) {
  return fail('domain_not_allowed', undefined, { origin: origin ?? null })
}
