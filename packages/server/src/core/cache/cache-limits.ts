import { fail } from '../../tools/errors.js'

/** The bounds the cache service enforces on every caller (HTTP and app code alike). */
export interface CacheLimits {
  /** Longest key, in UTF-8 bytes. */
  maxKeyBytes: number
  /** Largest value, in UTF-8 bytes of its JSON. */
  maxValueBytes: number
  /** Entries per `listKeys` page. */
  listPageSize: number
  /** Most keys one `delete` call takes. */
  maxDeleteKeys: number
}

/** The default bounds (docs/cache.md). */
export const DEFAULT_CACHE_LIMITS: CacheLimits = {
  maxKeyBytes: 1024,
  maxValueBytes: 512 * 1024,
  listPageSize: 100,
  maxDeleteKeys: 1000,
}

/** Refuses an empty, non-string or too long key. */
export function checkKey(key: unknown, limits: CacheLimits, field = 'key'): string {
  if (typeof key !== 'string' || key === '') {
    throw invalid(field, 'expected a non-empty string')
  }
  if (Buffer.byteLength(key) > limits.maxKeyBytes) {
    throw invalid(field, `longer than ${limits.maxKeyBytes} bytes`)
  }
  return key
}

/** The JSON of a value, refusing what JSON cannot hold and what is over the size limit. */
export function serializeValue(value: unknown, limits: CacheLimits): string {
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch {
    throw invalid('value', 'not serializable as JSON')
  }
  if (json === undefined) throw invalid('value', 'expected a JSON value')
  const size = Buffer.byteLength(json)
  if (size > limits.maxValueBytes) {
    throw fail(
      'cache_key_size_exceeded',
      `The value is ${size} bytes; the limit is ${limits.maxValueBytes}.`,
      { size, limit: limits.maxValueBytes },
    )
  }
  return json
}

/** A TTL of `set`, `increment` or `decrement` in ms: none for absent, null or 0; else > 0. */
export function optionalTtlMs(ttl: unknown): number | undefined {
  if (ttl === undefined || ttl === null || ttl === 0) return undefined
  if (!Number.isSafeInteger(ttl) || (ttl as number) < 0) {
    throw invalid('ttl', 'expected a whole number of seconds, 0 or more')
  }
  return (ttl as number) * 1000
}

/** The TTL of `expire` in ms; 0 or less deletes the key, as Redis's EXPIRE does. */
export function expireTtlMs(ttl: unknown): number {
  if (!Number.isSafeInteger(ttl)) throw invalid('ttl', 'expected a whole number of seconds')
  return (ttl as number) * 1000
}

/** An increment step: a safe integer. */
export function checkStep(step: unknown, field: string): number {
  if (!Number.isSafeInteger(step)) throw invalid(field, 'expected a whole number')
  return step as number
}

/** A validation_error naming one field. */
export function invalid(field: string, message: string) {
  return fail('validation_error', `${field}: ${message}`, {
    issues: [{ path: field, message }],
  })
}
