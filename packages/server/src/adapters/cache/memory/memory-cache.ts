import { CacheCursorError, CacheNotIntegerError, entryBytes } from '../cache-store.js'
import type { CachePage, CacheSize, CacheStore, CacheTtlPage } from '../cache-store.js'
import { globToRegExp } from './glob-pattern.js'

interface Entry {
  value: string
  expiresAt: number | null
  bytes: number
}

/** Bounds and clock of a memory cache. */
export interface MemoryCacheOptions {
  /** Most keys kept; the least recently used go first. */
  maxKeys?: number
  /** Most bytes (keys and values) kept; the least recently used go first. */
  maxBytes?: number
  /** The clock, for tests. */
  now?: () => number
}

const SWEEP_EVERY_MS = 60_000
const INTEGER = /^-?(0|[1-9]\d*)$/
const CURSOR_PREFIX = 'm.'

/**
 * A cache in this process's memory: TTLs (expired keys vanish on access and in a sweep every
 * minute) and a size bound with least-recently-used eviction. A Map keeps recency order.
 */
export class MemoryCache implements CacheStore {
  readonly #entries = new Map<string, Entry>()
  readonly #counters = new Map<string, number>()
  readonly #maxKeys: number
  readonly #maxBytes: number
  readonly #now: () => number
  readonly #sweeper: NodeJS.Timeout
  #bytes = 0

  constructor(options: MemoryCacheOptions = {}) {
    this.#maxKeys = options.maxKeys ?? 100_000
    this.#maxBytes = options.maxBytes ?? 64 * 1024 * 1024
    this.#now = options.now ?? Date.now
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_EVERY_MS)
    this.#sweeper.unref()
  }

  async get(key: string): Promise<string | null> {
    const entry = this.#live(key)
    if (!entry) return null
    this.#touch(key, entry)
    return entry.value
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#store(key, value, ttlMs === undefined ? null : this.#now() + ttlMs)
  }

  async delete(keys: string[]): Promise<number> {
    let deleted = 0
    for (const key of keys) if (this.#live(key) && this.#remove(key)) deleted++
    return deleted
  }

  async increment(key: string, by: number, ttlMs?: number): Promise<number> {
    const entry = this.#live(key)
    if (entry && !INTEGER.test(entry.value)) throw new CacheNotIntegerError()
    const value = (entry ? Number(entry.value) : 0) + by
    if (!Number.isSafeInteger(value)) throw new CacheNotIntegerError('increment would overflow')
    const expiresAt = ttlMs === undefined ? (entry?.expiresAt ?? null) : this.#now() + ttlMs
    this.#store(key, String(value), expiresAt)
    return value
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    const entry = this.#live(key)
    if (!entry) return false
    if (ttlMs <= 0) this.#remove(key)
    else entry.expiresAt = this.#now() + ttlMs
    return true
  }

  async ttl(key: string): Promise<number> {
    const entry = this.#live(key)
    if (!entry) return -2
    return entry.expiresAt === null ? -1 : entry.expiresAt - this.#now()
  }

  async scan(pattern: string, cursor: string | null, count: number): Promise<CachePage> {
    const { page, next } = this.#scanKeys(pattern, cursor, count)
    const entries = page.map((key) => ({ key, value: this.#entries.get(key)!.value }))
    return { entries, next }
  }

  async scanTtls(pattern: string, cursor: string | null, count: number): Promise<CacheTtlPage> {
    const { page, next } = this.#scanKeys(pattern, cursor, count)
    const now = this.#now()
    const entries = page.map((key) => {
      const expiresAt = this.#entries.get(key)!.expiresAt
      return { key, ttlMs: expiresAt === null ? -1 : expiresAt - now }
    })
    return { entries, next }
  }

  async size(): Promise<CacheSize> {
    this.#sweep()
    return { keys: this.#entries.size, bytes: this.#bytes }
  }

  async addCounters(counters: Record<string, number>): Promise<void> {
    for (const [name, by] of Object.entries(counters)) {
      this.#counters.set(name, (this.#counters.get(name) ?? 0) + by)
    }
  }

  async readCounters(names: string[]): Promise<Record<string, number>> {
    return Object.fromEntries(names.map((name) => [name, this.#counters.get(name) ?? 0]))
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper)
    this.#entries.clear()
    this.#bytes = 0
  }

  /** A page of live keys matching a glob after a cursor, in key order, and the next cursor. */
  #scanKeys(pattern: string, cursor: string | null, count: number) {
    const after = cursor === null ? null : decodeCursor(cursor)
    const matcher = globToRegExp(pattern)
    const keys: string[] = []
    for (const key of this.#entries.keys()) {
      if ((after === null || key > after) && matcher.test(key) && this.#live(key)) keys.push(key)
    }
    // Pages follow key order, so a key present from start to end is seen exactly once.
    keys.sort((a, b) => (a < b ? -1 : 1))
    const page = keys.slice(0, count)
    const next = keys.length > count ? encodeCursor(page[page.length - 1]!) : null
    return { page, next }
  }

  /** The entry of a key unless it is missing or expired (an expired one is dropped). */
  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.#now()) {
      this.#remove(key)
      return undefined
    }
    return entry
  }

  #store(key: string, value: string, expiresAt: number | null): void {
    this.#remove(key)
    const entry = { value, expiresAt, bytes: entryBytes(key, value) }
    this.#entries.set(key, entry)
    this.#bytes += entry.bytes
    this.#evict()
  }

  /** Moves a key to the most recently used end. */
  #touch(key: string, entry: Entry): void {
    this.#entries.delete(key)
    this.#entries.set(key, entry)
  }

  #remove(key: string): boolean {
    const entry = this.#entries.get(key)
    if (!entry) return false
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
    return true
  }

  /** Drops least recently used keys until both bounds hold. */
  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxKeys && this.#bytes <= this.#maxBytes) return
      this.#remove(key)
    }
  }

  #sweep(): void {
    for (const key of this.#entries.keys()) this.#live(key)
  }
}

function encodeCursor(key: string): string {
  return CURSOR_PREFIX + Buffer.from(key, 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): string {
  if (!cursor.startsWith(CURSOR_PREFIX)) throw new CacheCursorError()
  return Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8')
}
