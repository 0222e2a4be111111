/** A key as `GET /cache/keys` lists it (`ttlSeconds: null`: never expires). */
export interface CacheKey {
  key: string
  ttlSeconds: number | null
}

/** A key with its value, as `GET /cache/keys/:key` answers it. */
export interface CacheEntry extends CacheKey {
  value: unknown
}

/** Keys asked for per "Load more". */
export const CACHE_PAGE_SIZE = 50

/** The route of one key (any character may appear in a key). */
export function keyPath(key: string): string {
  return `/cache/keys/${encodeURIComponent(key)}`
}

const STEPS: [number, string][] = [
  [86400, 'd'],
  [3600, 'h'],
  [60, 'min'],
  [1, 's'],
]

/** A TTL in words: "No expiry", "42 s", "5 min 3 s", "2 h 10 min". */
export function formatTtl(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || seconds < 0) return 'No expiry'
  if (seconds < 60) return `${seconds} s`
  const parts: string[] = []
  let rest = seconds
  for (const [size, unit] of STEPS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${unit}`)
      rest %= size
    } else if (parts.length > 0) break
  }
  return parts.join(' ')
}
