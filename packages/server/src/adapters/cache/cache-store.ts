/** One key and its stored (serialized) value. */
export interface CacheEntry {
  key: string
  value: string
}

/** A page of `scan`: the entries found and the cursor of the next page (`null` at the end). */
export interface CachePage {
  entries: CacheEntry[]
  next: string | null
}

/** A page of `scanTtls`: keys with their TTLs, and the cursor of the next page (`null` at the end). */
export interface CacheTtlPage {
  /** `ttlMs` as `ttl` answers it: -1 for a key that never expires. */
  entries: { key: string; ttlMs: number }[]
  next: string | null
}

/** How much a store holds: live keys, and the bytes of their keys and values (UTF-8). */
export interface CacheSize {
  keys: number
  bytes: number
}

/**
 * A Redis-style key/value store of strings: in memory for one process, Redis for several.
 * TTLs are in milliseconds and follow Redis: `set` without a TTL drops any earlier one.
 */
export interface CacheStore {
  /** The stored string, or null when the key is missing or expired. */
  get(key: string): Promise<string | null>
  /** Stores a value, with a TTL when `ttlMs` is given (else it never expires). */
  set(key: string, value: string, ttlMs?: number): Promise<void>
  /** Deletes keys; answers how many existed. */
  delete(keys: string[]): Promise<number>
  /**
   * Adds `by` to an integer value (a missing key counts as 0) and answers the new value; sets
   * the TTL when `ttlMs` is given, else keeps the key's TTL. Throws CacheNotIntegerError when
   * the value is not an integer or the result leaves the safe integer range.
   */
  increment(key: string, by: number, ttlMs?: number): Promise<number>
  /** Sets a key's TTL; `ttlMs <= 0` deletes the key. Answers whether the key existed. */
  expire(key: string, ttlMs: number): Promise<boolean>
  /** Milliseconds left, -1 when the key never expires, -2 when it is missing (Redis PTTL). */
  ttl(key: string): Promise<number>
  /**
   * A page of keys matching a Redis glob pattern, with their values. `cursor` is null for the
   * first page; throws CacheCursorError for a cursor this store did not make.
   */
  scan(pattern: string, cursor: string | null, count: number): Promise<CachePage>
  /**
   * A page of keys matching a Redis glob pattern, with their TTLs instead of their values (for
   * the admin console); cursors as for `scan`.
   */
  scanTtls(pattern: string, cursor: string | null, count: number): Promise<CacheTtlPage>
  /** The live keys and their bytes. */
  size(): Promise<CacheSize>
  /** Adds to named counters kept beside the keys (traffic statistics). */
  addCounters(counters: Record<string, number>): Promise<void>
  /** Reads named counters; a counter never added reads 0. */
  readCounters(names: string[]): Promise<Record<string, number>>
  /** Releases connections and timers. */
  close(): Promise<void>
}

/** An increment on a value that is not an integer, or past the safe integer range. */
export class CacheNotIntegerError extends Error {
  constructor(message = 'the value is not an integer or out of range') {
    super(message)
    this.name = 'CacheNotIntegerError'
  }
}

/** A `scan` cursor the store did not hand out. */
export class CacheCursorError extends Error {
  constructor(message = 'the cursor is not one this cache handed out') {
    super(message)
    this.name = 'CacheCursorError'
  }
}

/** The bytes an entry counts for in statistics: its key and value in UTF-8. */
export function entryBytes(key: string, value: string): number {
  return Buffer.byteLength(key) + Buffer.byteLength(value)
}
