import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { CacheCursorError, CacheNotIntegerError } from '../src/adapters/cache/cache-store.js'
import type { CacheStore } from '../src/adapters/cache/cache-store.js'
import { MemoryCache } from '../src/adapters/cache/memory/memory-cache.js'
import { RedisCache } from '../src/adapters/cache/redis/redis-cache.js'
import { redisUrl } from '../../../test-support/databases.js'

/** A store under test, and a way to let time pass for it. */
interface Subject {
  store: CacheStore
  /** Lets at least `ms` pass: a fake clock in memory, a short real wait on Redis. */
  advance: (ms: number) => Promise<void>
}

interface Implementation {
  name: string
  make: () => Subject
}

const redis = redisUrl()
const NAMESPACE = `basalt:test-${randomBytes(6).toString('hex')}`

function memorySubject(): Subject {
  let now = 1_700_000_000_000
  const store = new MemoryCache({ now: () => now })
  return { store, advance: async (ms) => void (now += ms) }
}

function redisSubject(namespace = NAMESPACE): Subject {
  const store = new RedisCache(redis!, { namespace })
  // Redis keeps real time: TTLs in these tests are tens of ms, so the waits stay short.
  const advance = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms + 20))
  return { store, advance }
}

const implementations: Implementation[] = [{ name: 'memory', make: memorySubject }]
if (redis) implementations.push({ name: 'redis', make: () => redisSubject() })

/** Deletes every Redis key of the test namespace. */
async function cleanRedis(): Promise<void> {
  if (!redis) return
  const client = new Redis(redis)
  const keys = await client.keys(`${NAMESPACE}*`)
  if (keys.length > 0) await client.del(...keys)
  await client.quit()
}
afterAll(cleanRedis)

// The same contract for every implementation (hono's router tests are the model).
describe.each(implementations)('CacheStore contract: $name', ({ make }) => {
  const { store, advance } = make()
  const prefix = () => `c${randomBytes(4).toString('hex')}:`
  afterAll(() => store.close())

  it('stores, overwrites and reads values; a missing key reads null', async () => {
    const k = prefix() + 'a'
    expect(await store.get(k)).toBeNull()
    await store.set(k, '{"a":1}')
    expect(await store.get(k)).toBe('{"a":1}')
    await store.set(k, '"ü"')
    expect(await store.get(k)).toBe('"ü"')
  })

  it('expires a key after its TTL, and set without a TTL drops an earlier one', async () => {
    const [short, kept] = [prefix() + 's', prefix() + 'k']
    await store.set(short, '1', 40)
    await store.set(kept, '1', 40)
    await store.set(kept, '2')
    expect(await store.ttl(kept)).toBe(-1)
    const left = await store.ttl(short)
    expect(left).toBeGreaterThan(0)
    expect(left).toBeLessThanOrEqual(40)
    await advance(50)
    expect(await store.get(short)).toBeNull()
    expect(await store.ttl(short)).toBe(-2)
    expect(await store.get(kept)).toBe('2')
  })

  it('deletes keys, counting the ones that existed', async () => {
    const p = prefix()
    await store.set(p + 'a', '1')
    await store.set(p + 'b', '1')
    expect(await store.delete([p + 'a', p + 'b', p + 'missing'])).toBe(2)
    expect(await store.get(p + 'a')).toBeNull()
    expect(await store.delete([])).toBe(0)
  })

  it('increments from 0 for a missing key, and by negative steps', async () => {
    const k = prefix() + 'n'
    expect(await store.increment(k, 1)).toBe(1)
    expect(await store.increment(k, 5)).toBe(6)
    expect(await store.increment(k, -10)).toBe(-4)
    expect(await store.get(k)).toBe('-4')
  })

  it('refuses to increment a value that is not an integer, leaving it alone', async () => {
    const p = prefix()
    for (const [i, value] of ['"abc"', '5.5', '{"a":1}', '"5"', 'true', '1e+21'].entries()) {
      await store.set(p + i, value)
      await expect(store.increment(p + i, 1)).rejects.toBeInstanceOf(CacheNotIntegerError)
      expect(await store.get(p + i)).toBe(value)
    }
  })

  it('refuses an increment past the safe integer range', async () => {
    const k = prefix() + 'big'
    await store.set(k, String(Number.MAX_SAFE_INTEGER - 1))
    expect(await store.increment(k, 1)).toBe(Number.MAX_SAFE_INTEGER)
    await expect(store.increment(k, 1)).rejects.toBeInstanceOf(CacheNotIntegerError)
    expect(await store.get(k)).toBe(String(Number.MAX_SAFE_INTEGER))
  })

  it('keeps the TTL on increment without one, and replaces it when given', async () => {
    const [kept, none, given] = [prefix() + 'k', prefix() + 'n', prefix() + 'g']
    await store.set(kept, '1', 40)
    await store.increment(kept, 1)
    expect(await store.ttl(kept)).toBeGreaterThan(0)
    await store.increment(none, 1)
    expect(await store.ttl(none)).toBe(-1)
    await store.set(given, '1')
    await store.increment(given, 1, 40)
    expect(await store.ttl(given)).toBeGreaterThan(0)
    await advance(50)
    expect(await store.get(kept)).toBeNull()
    expect(await store.get(given)).toBeNull()
    expect(await store.get(none)).toBe('1')
  })

  it('sets a TTL with expire, deletes on a TTL of 0 or less, and ignores missing keys', async () => {
    const p = prefix()
    await store.set(p + 'a', '1')
    expect(await store.expire(p + 'a', 40)).toBe(true)
    expect(await store.ttl(p + 'a')).toBeGreaterThan(0)
    await store.set(p + 'z', '1')
    expect(await store.expire(p + 'z', 0)).toBe(true)
    expect(await store.get(p + 'z')).toBeNull()
    await store.set(p + 'm', '1')
    await store.expire(p + 'm', -5)
    expect(await store.get(p + 'm')).toBeNull()
    expect(await store.expire(p + 'missing', 10)).toBe(false)
    await advance(50)
    expect(await store.get(p + 'a')).toBeNull()
  })

  it('pages through matching keys with the cursor, each key once, with values', async () => {
    const p = prefix()
    for (let i = 0; i < 25; i++) await store.set(`${p}item:${i}`, String(i))
    await store.set(`${p}other`, '0')
    const seen = new Map<string, string>()
    let cursor: string | null = null
    let pages = 0
    do {
      const page = await store.scan(`${p}item:*`, cursor, 10)
      for (const entry of page.entries) seen.set(entry.key, entry.value)
      cursor = page.next
      pages++
    } while (cursor !== null && pages < 100)
    expect(pages).toBeGreaterThan(1)
    expect(seen.size).toBe(25)
    expect(seen.get(`${p}item:7`)).toBe('7')
    expect(seen.has(`${p}other`)).toBe(false)
  })

  it('matches Redis glob patterns', async () => {
    const p = prefix()
    for (const word of ['hello', 'hallo', 'hxllo', 'heeeello', 'hllo', 'h*llo']) {
      await store.set(p + word, '1')
    }
    const keys = async (pattern: string) => {
      const page = await store.scan(p + pattern, null, 100)
      return page.entries.map((e) => e.key.slice(p.length)).sort()
    }
    expect(await keys('h?llo')).toEqual(['h*llo', 'hallo', 'hello', 'hxllo'])
    expect(await keys('h*llo')).toEqual(['h*llo', 'hallo', 'heeeello', 'hello', 'hllo', 'hxllo'])
    expect(await keys('h[ae]llo')).toEqual(['hallo', 'hello'])
    expect(await keys('h[^e]llo')).toEqual(['h*llo', 'hallo', 'hxllo'])
    expect(await keys('h[a-b]llo')).toEqual(['hallo'])
    expect(await keys('h\\*llo')).toEqual(['h*llo'])
  })

  it('refuses a cursor it did not hand out', async () => {
    await expect(store.scan('*', 'not-a-cursor', 10)).rejects.toBeInstanceOf(CacheCursorError)
    await expect(store.scanTtls('*', 'not-a-cursor', 10)).rejects.toBeInstanceOf(CacheCursorError)
  })

  it('pages through matching keys with their TTLs instead of values', async () => {
    const p = prefix()
    for (let i = 0; i < 12; i++)
      await store.set(`${p}k:${i}`, String(i), i % 2 ? 60_000 : undefined)
    await store.set(`${p}other`, '0')
    await store.set(`${p}k:gone`, '0', 10)
    await advance(30)
    const seen = new Map<string, number>()
    let cursor: string | null = null
    let pages = 0
    do {
      const page = await store.scanTtls(`${p}k:*`, cursor, 5)
      for (const entry of page.entries) seen.set(entry.key, entry.ttlMs)
      cursor = page.next
      pages++
    } while (cursor !== null && pages < 100)
    expect(pages).toBeGreaterThan(1)
    expect([...seen.keys()].sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `${p}k:${i}`).sort(),
    )
    expect(seen.get(`${p}k:0`)).toBe(-1)
    expect(seen.get(`${p}k:1`)).toBeGreaterThan(50_000)
    expect(seen.get(`${p}k:1`)).toBeLessThanOrEqual(60_000)
  })

  it('counts live keys and their bytes', async () => {
    const isolated = make()
    try {
      const base = await isolated.store.size()
      await isolated.store.set(`size-${randomBytes(4).toString('hex')}`, '"é"', 40) // 13 + 4 bytes
      await isolated.store.set(`size-${randomBytes(4).toString('hex')}`, '12')
      const after = await isolated.store.size()
      expect(after.keys - base.keys).toBe(2)
      expect(after.bytes - base.bytes).toBe(13 + 4 + 13 + 2)
      await isolated.advance(50)
      const expired = await isolated.store.size()
      expect(expired.keys - base.keys).toBe(1)
    } finally {
      await isolated.store.close()
    }
  })

  it('adds to and reads named counters', async () => {
    const p = prefix()
    await store.addCounters({ [p + 'in']: 10, [p + 'out']: 3 })
    await store.addCounters({ [p + 'in']: 5 })
    expect(await store.readCounters([p + 'in', p + 'out', p + 'never'])).toEqual({
      [p + 'in']: 15,
      [p + 'out']: 3,
      [p + 'never']: 0,
    })
  })
})

describe('MemoryCache bounds', () => {
  it('evicts the least recently used key past maxKeys; a read counts as a use', async () => {
    const cache = new MemoryCache({ maxKeys: 3 })
    for (const key of ['a', 'b', 'c']) await cache.set(key, '1')
    await cache.get('a')
    await cache.set('d', '1')
    expect(await cache.get('b')).toBeNull()
    expect(await Promise.all(['a', 'c', 'd'].map((k) => cache.get(k)))).toEqual(['1', '1', '1'])
    expect((await cache.size()).keys).toBe(3)
    await cache.close()
  })

  it('evicts the least recently used keys past maxBytes', async () => {
    const cache = new MemoryCache({ maxBytes: 30 })
    await cache.set('a', '123456789') // 10 bytes each
    await cache.set('b', '123456789')
    await cache.set('c', '123456789')
    await cache.set('d', '123456789')
    expect(await cache.get('a')).toBeNull()
    expect(await cache.size()).toEqual({ keys: 3, bytes: 30 })
    await cache.close()
  })
})

describe.runIf(redis)('RedisCache namespaces', () => {
  it('shares keys between stores of one namespace and keeps namespaces apart', async () => {
    const a = redisSubject()
    const b = redisSubject()
    const other = redisSubject(`${NAMESPACE}-other`)
    try {
      await a.store.set('shared', '"x"')
      expect(await b.store.get('shared')).toBe('"x"')
      expect(await other.store.get('shared')).toBeNull()
      expect((await other.store.scan('*', null, 100)).entries).toEqual([])
    } finally {
      await Promise.all([a, b, other].map((s) => s.store.close()))
    }
  })
})
