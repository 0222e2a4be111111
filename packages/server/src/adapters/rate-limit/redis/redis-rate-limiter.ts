import { Redis } from 'ioredis'
import type { RateLimiter, RateLimitResult } from '../rate-limiter.js'

// Increment and set the window's expiry in one atomic step; answer the count and the time left.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`

/** Fixed-window counters in Redis, shared by every Basalt process of an app. */
export class RedisRateLimiter implements RateLimiter {
  readonly #redis: Redis
  readonly #prefix: string

  constructor(url: string, options: { prefix?: string; onError?: (error: Error) => void } = {}) {
    this.#redis = new Redis(url, { maxRetriesPerRequest: 2 })
    this.#redis.on('error', (error: Error) => options.onError?.(error))
    this.#prefix = options.prefix ?? 'basalt:ratelimit:'
  }

  async hit(key: string, max: number, windowMs: number): Promise<RateLimitResult> {
    const [count, ttl] = (await this.#redis.eval(
      HIT_SCRIPT,
      1,
      this.#prefix + key,
      String(windowMs),
    )) as [number, number]
    return { allowed: count <= max, remaining: Math.max(0, max - count), resetInMs: ttl }
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect())
  }
}
