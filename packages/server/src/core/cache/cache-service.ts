import {
  CacheCursorError,
  CacheNotIntegerError,
  entryBytes,
} from '../../adapters/cache/cache-store.js'
import type { CacheStore } from '../../adapters/cache/cache-store.js'
import { fail } from '../../tools/errors.js'
import {
  DEFAULT_CACHE_LIMITS,
  checkKey,
  checkStep,
  expireTtlMs,
  invalid,
  optionalTtlMs,
  serializeValue,
} from './cache-limits.js'
import type { CacheLimits } from './cache-limits.js'
import { readStats, recordTraffic } from './cache-stats.js'
import type { CacheStats } from './cache-stats.js'

/** One entry of a `listKeys` page. */
export interface CacheListEntry {
  key: string
  value: unknown
}

/** A `listKeys` page; `next` is null on the last page. */
export interface CacheListPage {
  data: CacheListEntry[]
  next: string | null
}

/** A page of `listKeyTtls`; `next` is null on the last page. */
export interface CacheKeyTtlPage {
  /** `ttlSeconds` rounded up; null for a key that never expires. */
  items: { key: string; ttlSeconds: number | null }[]
  next: string | null
}

/**
 * The app's cache, for the HTTP routes and for app code alike: JSON values, TTLs in seconds
 * with Redis's semantics, size limits, and traffic statistics. Keys are already namespaced per
 * app by the store.
 */
export class CacheService {
  readonly #limits: CacheLimits

  constructor(
    private readonly store: CacheStore,
    limits: Partial<CacheLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#limits = { ...DEFAULT_CACHE_LIMITS, ...limits }
  }

  /** The stored value, or null when the key is missing or expired. */
  async get<T = unknown>(key: string): Promise<T | null> {
    const found = await this.lookup(key)
    return found ? (found.value as T) : null
  }

  /** `{value}` when the key exists (even holding `null`), else null. */
  async lookup(key: string): Promise<{ value: unknown } | null> {
    checkKey(key, this.#limits)
    const json = await this.store.get(key)
    if (json === null) return null
    await recordTraffic(this.store, 'egress', entryBytes(key, json), this.now())
    return { value: JSON.parse(json) as unknown }
  }

  /** Stores a JSON value; a `ttl` in seconds makes it expire, else any earlier TTL is dropped. */
  async set(key: string, value: unknown, ttl?: number | null): Promise<void> {
    checkKey(key, this.#limits)
    const json = serializeValue(value, this.#limits)
    await this.store.set(key, json, optionalTtlMs(ttl))
    await recordTraffic(this.store, 'ingress', entryBytes(key, json), this.now())
  }

  /** Deletes keys, missing ones included; answers how many existed. */
  async delete(keys: string | string[]): Promise<number> {
    const list = Array.isArray(keys) ? keys : [keys]
    if (list.length > this.#limits.maxDeleteKeys) {
      throw invalid('keys', `more than ${this.#limits.maxDeleteKeys} keys`)
    }
    list.forEach((key, i) => checkKey(key, this.#limits, `keys/${i}`))
    return this.store.delete(list)
  }

  /** Adds `by` to an integer value (a missing key is 0); `ttl` resets the TTL when given. */
  async increment(key: string, by = 1, ttl?: number | null): Promise<number> {
    return this.#add(key, checkStep(by, 'increment'), ttl)
  }

  /** Subtracts `by` from an integer value (a missing key is 0); `ttl` as for increment. */
  async decrement(key: string, by = 1, ttl?: number | null): Promise<number> {
    return this.#add(key, -checkStep(by, 'decrement'), ttl)
  }

  /** Sets a key's TTL in seconds; 0 or less deletes it. Answers whether the key existed. */
  async expire(key: string, ttl: number): Promise<boolean> {
    checkKey(key, this.#limits)
    return this.store.expire(key, expireTtlMs(ttl))
  }

  /** Seconds left (rounded up), -1 for a key without expiry, -2 for a missing key. */
  async ttl(key: string): Promise<number> {
    checkKey(key, this.#limits)
    const ms = await this.store.ttl(key)
    return ms < 0 ? ms : Math.ceil(ms / 1000)
  }

  /** A page of keys matching a Redis glob, with their values; pass `next` for the next page. */
  async listKeys(pattern?: string | null, next?: string | null): Promise<CacheListPage> {
    const glob = pattern ?? '*'
    checkKey(glob, this.#limits, 'pattern')
    try {
      const page = await this.store.scan(glob, next || null, this.#limits.listPageSize)
      const bytes = page.entries.reduce((sum, e) => sum + entryBytes(e.key, e.value), 0)
      await recordTraffic(this.store, 'egress', bytes, this.now())
      const data = page.entries.map((e) => ({ key: e.key, value: JSON.parse(e.value) as unknown }))
      return { data, next: page.next }
    } catch (error) {
      if (error instanceof CacheCursorError) throw invalid('next', error.message)
      throw error
    }
  }

  /**
   * A page of about `size` keys matching a Redis glob, with their TTLs and without values (the
   * admin console); pass `next` for the next page. No traffic is recorded.
   */
  async listKeyTtls(pattern: string, next: string | null, size: number): Promise<CacheKeyTtlPage> {
    checkKey(pattern, this.#limits, 'pattern')
    try {
      const page = await this.store.scanTtls(pattern, next, size)
      const items = page.entries.map((e) => ({ key: e.key, ttlSeconds: ttlSeconds(e.ttlMs) }))
      return { items, next: page.next }
    } catch (error) {
      if (error instanceof CacheCursorError) throw invalid('cursor', error.message)
      throw error
    }
  }

  /** A key's value and TTL in seconds (null: no expiry), or null when it is missing. */
  async inspect(key: string): Promise<{ value: unknown; ttlSeconds: number | null } | null> {
    checkKey(key, this.#limits)
    const json = await this.store.get(key)
    if (json === null) return null
    const ttlMs = await this.store.ttl(key)
    // Expired between the two reads.
    if (ttlMs === -2) return null
    return { value: JSON.parse(json) as unknown, ttlSeconds: ttlSeconds(ttlMs) }
  }

  /** Key count, bytes, and today's and this month's traffic. */
  stats(): Promise<CacheStats> {
    return readStats(this.store, this.now())
  }

  async #add(key: string, by: number, ttl: number | null | undefined): Promise<number> {
    checkKey(key, this.#limits)
    const ttlMs = optionalTtlMs(ttl)
    try {
      const value = await this.store.increment(key, by, ttlMs)
      await recordTraffic(this.store, 'ingress', entryBytes(key, String(value)), this.now())
      return value
    } catch (error) {
      if (!(error instanceof CacheNotIntegerError)) throw error
      throw fail('cache_value_not_integer', undefined, { key })
    }
  }
}

/** Milliseconds left as whole seconds rounded up; null for no expiry (-1). */
function ttlSeconds(ttlMs: number): number | null {
  return ttlMs < 0 ? null : Math.ceil(ttlMs / 1000)
}
