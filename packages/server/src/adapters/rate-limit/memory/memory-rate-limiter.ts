import type { RateLimiter, RateLimitResult } from '../rate-limiter.js'

interface Window {
  count: number
  resetAt: number
}

const SWEEP_EVERY_MS = 60_000

/** Fixed-window counters in this process's memory; expired windows are swept every minute. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, Window>()
  readonly #sweeper: NodeJS.Timeout

  constructor(private readonly now: () => number = Date.now) {
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_EVERY_MS)
    this.#sweeper.unref()
  }

  async hit(key: string, max: number, windowMs: number): Promise<RateLimitResult> {
    const now = this.now()
    let window = this.#windows.get(key)
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs }
      this.#windows.set(key, window)
    }
    window.count += 1
    return {
      allowed: window.count <= max,
      remaining: Math.max(0, max - window.count),
      resetInMs: window.resetAt - now,
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper)
    this.#windows.clear()
  }

  #sweep(): void {
    const now = this.now()
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key)
  }
}
