import { Redis } from 'ioredis'
import { CacheCursorError, CacheNotIntegerError, entryBytes } from '../cache-store.js'
import type { CachePage, CacheSize, CacheStore, CacheTtlPage } from '../cache-store.js'

/** Where the cache lives in Redis, and what to do with connection errors. */
export interface RedisCacheOptions {
  /** Keys go under `<namespace>:cache:`, counters in the hash `<namespace>:cache-stats`. */
  namespace?: string
  onError?: (error: Error) => void
}

// INCRBY, refused past the safe integer range (JSON numbers lose precision there), then the TTL.
const INCREMENT_SCRIPT = `
local value = redis.pcall('INCRBY', KEYS[1], ARGV[1])
if type(value) == 'table' and value.err then return value end
if value > 9007199254740991 or value < -9007199254740991 then
  redis.call('DECRBY', KEYS[1], ARGV[1])
  return redis.error_reply('ERR increment would overflow')
end
if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
`
const SIZE_BATCH = 1000

/** The cache in Redis, shared by every Basalt process of an app; `scan` pages with SCAN. */
export class RedisCache implements CacheStore {
  readonly #redis: Redis
  readonly #prefix: string
  readonly #statsKey: string

  constructor(url: string, options: RedisCacheOptions = {}) {
    this.#redis = new Redis(url, { maxRetriesPerRequest: 2 })
    this.#redis.on('error', (error: Error) => options.onError?.(error))
    const namespace = options.namespace ?? 'basalt:default'
    this.#prefix = `${namespace}:cache:`
    this.#statsKey = `${namespace}:cache-stats`
  }

  get(key: string): Promise<string | null> {
    return this.#redis.get(this.#prefix + key)
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.#redis.set(this.#prefix + key, value)
    else await this.#redis.set(this.#prefix + key, value, 'PX', ttlMs)
  }

  async delete(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0
    return this.#redis.del(...keys.map((key) => this.#prefix + key))
  }

  async increment(key: string, by: number, ttlMs?: number): Promise<number> {
    try {
      const args = [this.#prefix + key, String(by), String(ttlMs ?? 0)]
      return (await this.#redis.eval(INCREMENT_SCRIPT, 1, ...args)) as number
    } catch (error) {
      const message = error instanceof Error ? error.message : ''
      if (/not an integer|overflow/.test(message)) throw new CacheNotIntegerError()
      throw error
    }
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    if (ttlMs <= 0) return (await this.#redis.del(this.#prefix + key)) > 0
    return (await this.#redis.pexpire(this.#prefix + key, ttlMs)) === 1
  }

  ttl(key: string): Promise<number> {
    return this.#redis.pttl(this.#prefix + key)
  }

  async scan(pattern: string, cursor: string | null, count: number): Promise<CachePage> {
    const { names, next } = await this.#scanNames(pattern, cursor, count)
    const values = names.length > 0 ? await this.#redis.mget(...names) : []
    const entries = names.flatMap((name, i) => {
      const value = values[i]
      return value === null || value === undefined
        ? []
        : [{ key: name.slice(this.#prefix.length), value }]
    })
    return { entries, next }
  }

  async scanTtls(pattern: string, cursor: string | null, count: number): Promise<CacheTtlPage> {
    const { names, next } = await this.#scanNames(pattern, cursor, count)
    const pipeline = this.#redis.pipeline()
    for (const name of names) pipeline.pttl(name)
    const results = names.length > 0 ? ((await pipeline.exec()) ?? []) : []
    const entries = names.flatMap((name, i) => {
      const ttlMs = Number(results[i]?.[1] ?? -2)
      // -2: expired or deleted between SCAN and PTTL.
      return ttlMs === -2 ? [] : [{ key: name.slice(this.#prefix.length), ttlMs }]
    })
    return { entries, next }
  }

  async size(): Promise<CacheSize> {
    const seen = new Set<string>()
    let bytes = 0
    let position = '0'
    do {
      const match = escapeGlob(this.#prefix) + '*'
      const [next, found] = await this.#redis.scan(position, 'MATCH', match, 'COUNT', SIZE_BATCH)
      position = next
      const fresh = found.filter((key) => !seen.has(key))
      const lengths = await this.#lengths(fresh)
      fresh.forEach((key, i) => {
        if (lengths[i] === null) return // expired between SCAN and STRLEN
        seen.add(key)
        bytes += entryBytes(key.slice(this.#prefix.length), '') + lengths[i]!
      })
    } while (position !== '0')
    return { keys: seen.size, bytes }
  }

  async addCounters(counters: Record<string, number>): Promise<void> {
    const pipeline = this.#redis.pipeline()
    for (const [name, by] of Object.entries(counters)) pipeline.hincrby(this.#statsKey, name, by)
    await pipeline.exec()
  }

  async readCounters(names: string[]): Promise<Record<string, number>> {
    if (names.length === 0) return {}
    const values = await this.#redis.hmget(this.#statsKey, ...names)
    return Object.fromEntries(names.map((name, i) => [name, Number(values[i] ?? 0)]))
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect())
  }

  /** SCAN under the namespace: the full Redis names of a page and the cursor of the next. */
  async #scanNames(pattern: string, cursor: string | null, count: number) {
    if (cursor !== null && !/^[1-9]\d*$/.test(cursor)) throw new CacheCursorError()
    const match = escapeGlob(this.#prefix) + pattern
    let position = cursor ?? '0'
    const keys = new Set<string>()
    // SCAN's COUNT is a hint: keep scanning until a page is full or the keyspace is done.
    do {
      const [nextPosition, found] = await this.#redis.scan(position, 'MATCH', match, 'COUNT', count)
      position = nextPosition
      for (const key of found) keys.add(key)
    } while (position !== '0' && keys.size < count)
    return { names: [...keys], next: position === '0' ? null : position }
  }

  /** STRLEN of each key, null for a key that is gone (STRLEN would say 0). */
  async #lengths(keys: string[]): Promise<(number | null)[]> {
    if (keys.length === 0) return []
    const pipeline = this.#redis.pipeline()
    for (const key of keys) pipeline.exists(key).strlen(key)
    const results = (await pipeline.exec()) ?? []
    return keys.map((_, i) => (results[2 * i]?.[1] === 1 ? Number(results[2 * i + 1]?.[1]) : null))
  }
}

/** A literal string as a Redis glob. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}
