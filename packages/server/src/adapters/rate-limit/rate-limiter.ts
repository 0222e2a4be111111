/** The outcome of counting one request against a limit. */
export interface RateLimitResult {
  allowed: boolean
  /** Requests still allowed in the current window. */
  remaining: number
  /** Milliseconds until the window resets. */
  resetInMs: number
}

/** Counts requests per key in fixed windows: in memory for one process, Redis for several. */
export interface RateLimiter {
  /** Counts one request for `key` against `max` per `windowMs`. */
  hit(key: string, max: number, windowMs: number): Promise<RateLimitResult>
  /** Releases connections and timers. */
  close(): Promise<void>
}
