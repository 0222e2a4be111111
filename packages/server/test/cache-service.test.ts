import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryCache } from '../src/adapters/cache/memory/memory-cache.js'
import { CacheService } from '../src/core/cache/cache-service.js'

// The service app code calls: JSON values, Redis TTL semantics, limits and traffic statistics.
let now: number
let store: MemoryCache
let cache: CacheService
beforeEach(() => {
  now = Date.parse('2025-01-31T23:59:00Z')
  store = new MemoryCache({ now: () => now })
  cache = new CacheService(store, { maxValueBytes: 100, listPageSize: 2 }, () => now)
})
afterEach(() => store.close())

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  )

describe('CacheService', () => {
  it('round-trips JSON values and tells a stored null from a missing key', async () => {
    await cache.set('obj', { a: [1, 'b'] })
    await cache.set('nothing', null)
    expect(await cache.get('obj')).toEqual({ a: [1, 'b'] })
    expect(await cache.lookup('nothing')).toEqual({ value: null })
    expect(await cache.lookup('missing')).toBeNull()
  })

  it('expires with TTLs in seconds and deletes on expire(key, 0)', async () => {
    await cache.set('t', 1, 10)
    expect(await cache.ttl('t')).toBe(10)
    now += 10_000
    expect(await cache.get('t')).toBeNull()
    await cache.set('e', 1)
    expect(await cache.expire('e', 0)).toBe(true)
    expect(await cache.lookup('e')).toBeNull()
  })

  it('refuses bad keys, TTLs, steps and values with catalog codes', async () => {
    expect(await codeOf(cache.set('', 1))).toBe('validation_error')
    expect(await codeOf(cache.set('k'.repeat(1025), 1))).toBe('validation_error')
    expect(await codeOf(cache.set('k', 1, -1))).toBe('validation_error')
    expect(await codeOf(cache.set('k', 1, 1.5))).toBe('validation_error')
    expect(await codeOf(cache.set('k', undefined))).toBe('validation_error')
    expect(await codeOf(cache.set('k', 'x'.repeat(200)))).toBe('cache_key_size_exceeded')
    expect(await codeOf(cache.increment('k', 0.5))).toBe('validation_error')
    await cache.set('word', 'abc')
    expect(await codeOf(cache.decrement('word'))).toBe('cache_value_not_integer')
    expect(await codeOf(cache.listKeys('*', 'bogus'))).toBe('validation_error')
  })

  it('counts ingress and egress bytes per UTC day and month', async () => {
    await cache.set('in', 'ab') // 2 + 4 bytes
    await cache.get('in') // 6 bytes out
    await cache.get('missing') // a miss sends nothing
    now += 120_000 // 2025-02-01
    await cache.increment('n', 5) // 1 + 1 bytes
    const stats = await cache.stats()
    expect(stats.daily).toEqual({ date: '2025-02-01', ingress: 2, egress: 0 })
    expect(stats.monthly).toEqual({ month: '2025-02', ingress: 2, egress: 0 })
    now -= 120_000
    const before = await cache.stats()
    expect(before.daily).toEqual({ date: '2025-01-31', ingress: 6, egress: 6 })
    expect(before.keys).toBe(2)
    expect(before.bytes).toBe(6 + 2)
  })

  it('pages listKeys with values parsed', async () => {
    for (const key of ['a', 'b', 'c']) await cache.set(key, { key })
    const first = await cache.listKeys()
    expect(first.data).toEqual([
      { key: 'a', value: { key: 'a' } },
      { key: 'b', value: { key: 'b' } },
    ])
    const second = await cache.listKeys(null, first.next)
    expect(second).toEqual({ data: [{ key: 'c', value: { key: 'c' } }], next: null })
  })
})
