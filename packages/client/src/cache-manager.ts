import type { APIError } from '@basalt/protocol'
import { APIBase } from './api-base.js'
import type { Fetcher } from './fetcher.js'

const CACHE = '/_api/rest/v1/cache'

/** What `cache.get` and the other data-returning calls resolve to. */
export interface CacheResult<T = unknown> {
  data: T | null
  errors: APIError | null
}

/** What `cache.listKeys` resolves to: a page of entries and the cursor of the next page. */
export interface CacheListResult {
  data: { key: string; value: unknown }[] | null
  next: string | null
  errors: APIError | null
}

/**
 * The app's key/value cache (§6.1): JSON values, TTLs in seconds, glob listing with a cursor.
 * Unlike the published client, `get` URI-encodes the key and `listKeys` tolerates an empty
 * answer instead of throwing.
 */
export class CacheManager extends APIBase {
  /** Creates the cache manager on the shared transport. */
  constructor(fetcher: Fetcher) {
    super(fetcher)
  }

  /** The value of a key: objects and arrays as stored, primitives as `{value}`, null if missing. */
  async get(key: string): Promise<CacheResult> {
    const { data, errors } = await this.fetcher.get(`${CACHE}?key=${encodeURIComponent(key)}`)
    return { data: data ?? null, errors }
  }

  /** Stores a value; a `ttl` in seconds makes it expire (0 or none: never). */
  async set(key: string, value: unknown, ttl?: number): Promise<{ errors: APIError | null }> {
    const { errors } = await this.fetcher.post(CACHE, { key, value, ttl: ttl || undefined })
    return { errors }
  }

  /** Deletes one key or several; missing keys are not an error. */
  async delete(keys: string | string[]): Promise<{ errors: APIError | null }> {
    const body = { keys: Array.isArray(keys) ? keys : [keys] }
    const { errors } = await this.fetcher.delete(CACHE, body)
    return { errors }
  }

  /** Adds to an integer value (a missing key is 0); answers `{value}`. `ttl` resets the TTL. */
  increment(key: string, increment = 1, ttl?: number): Promise<CacheResult<{ value: number }>> {
    return this.#post(`${CACHE}/increment`, { key, increment, ttl: ttl || undefined })
  }

  /** Subtracts from an integer value (a missing key is 0); answers `{value}`. */
  decrement(key: string, decrement = 1, ttl?: number): Promise<CacheResult<{ value: number }>> {
    return this.#post(`${CACHE}/decrement`, { key, decrement, ttl: ttl || undefined })
  }

  /** Sets a key's time to live in seconds; 0 or less deletes the key. */
  async expire(key: string, ttl: number): Promise<{ errors: APIError | null }> {
    const { errors } = await this.fetcher.post(`${CACHE}/expire`, { key, ttl })
    return { errors }
  }

  /** Key count, bytes, and today's and this month's ingress and egress bytes. */
  getStats(): Promise<CacheResult> {
    return this.fetcher.get(`${CACHE}/stats`)
  }

  /** A page of keys matching a Redis glob, with their values; pass `next` for the next page. */
  async listKeys(pattern?: string, next?: string): Promise<CacheListResult> {
    const { data, errors } = await this.fetcher.post<Partial<CacheListResult>>(
      `${CACHE}/list-keys`,
      { pattern, next },
    )
    if (errors) return { data: null, next: null, errors }
    return { data: data?.data ?? null, next: data?.next ?? null, errors: null }
  }

  async #post<T>(path: string, body: object): Promise<CacheResult<T>> {
    const { data, errors } = await this.fetcher.post<T>(path, body)
    return { data, errors }
  }
}
