/** A request time limit: an abort signal plus a promise that rejects when time is up. */
export interface Deadline {
  readonly signal?: AbortSignal
  /** Whether the time limit was reached. */
  expired(): boolean
  /** Runs `work`, rejecting as soon as the limit is reached even if `work` ignores the signal. */
  race<T>(work: Promise<T>): Promise<T>
  /** Stops the timer. */
  clear(): void
}

/** Whether a timeout option asks for a limit: a positive, finite number of milliseconds. */
export function isTimeout(ms: number | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0
}

const NO_DEADLINE: Deadline = {
  expired: () => false,
  race: (work) => work,
  clear: () => undefined,
}

/** Starts a deadline of `ms` milliseconds; without a valid `ms` there is no limit. */
export function startDeadline(ms: number | undefined): Deadline {
  if (!isTimeout(ms)) return NO_DEADLINE
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new Error(`No answer within ${ms} ms`))
    }, ms)
  })
  return {
    signal: controller.signal,
    expired: () => controller.signal.aborted,
    race: (work) => Promise.race([work, expiry]),
    clear: () => clearTimeout(timer),
  }
}
