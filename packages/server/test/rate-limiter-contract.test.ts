import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { MemoryRateLimiter } from '../src/adapters/rate-limit/memory/memory-rate-limiter.js'
import { RedisRateLimiter } from '../src/adapters/rate-limit/redis/redis-rate-limiter.js'
import type { RateLimiter } from '../src/adapters/rate-limit/rate-limiter.js'
import { redisUrl } from '../../../test-support/databases.js'

interface Implementation {
  name: string
  make: () => RateLimiter
}

const implementations: Implementation[] = [{ name: 'memory', make: () => new MemoryRateLimiter() }]
const redis = redisUrl()
if (redis) implementations.push({ name: 'redis', make: () => new RedisRateLimiter(redis) })

// The same contract for every implementation (hono's router tests are the model).
describe.each(implementations)('RateLimiter contract: $name', ({ make }) => {
  const limiter = make()
  const key = () => `contract-${randomBytes(6).toString('hex')}`
  afterAll(() => limiter.close())

  it('allows up to max hits in a window and refuses the next', async () => {
    const k = key()
    const results = []
    for (let i = 0; i < 4; i++) results.push(await limiter.hit(k, 3, 60_000))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0])
    expect(results[3]!.resetInMs).toBeGreaterThan(0)
    expect(results[3]!.resetInMs).toBeLessThanOrEqual(60_000)
  })

  it('counts keys apart', async () => {
    const a = key()
    const b = key()
    await limiter.hit(a, 1, 60_000)
    expect((await limiter.hit(a, 1, 60_000)).allowed).toBe(false)
    expect((await limiter.hit(b, 1, 60_000)).allowed).toBe(true)
  })

  it('opens a new window once the old one has passed', async () => {
    const k = key()
    await limiter.hit(k, 1, 50)
    expect((await limiter.hit(k, 1, 50)).allowed).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 80)) // the window is time itself
    expect((await limiter.hit(k, 1, 50)).allowed).toBe(true)
  })
})

describe.runIf(redis)('RedisRateLimiter across processes', () => {
  it('shares one budget between two limiters on the same Redis', async () => {
    const a = new RedisRateLimiter(redis!)
    const b = new RedisRateLimiter(redis!)
    const k = `shared-${randomBytes(6).toString('hex')}`
    try {
      expect((await a.hit(k, 2, 60_000)).allowed).toBe(true)
      expect((await b.hit(k, 2, 60_000)).allowed).toBe(true)
      expect((await a.hit(k, 2, 60_000)).allowed).toBe(false)
    } finally {
      await a.close()
      await b.close()
    }
  })
})
