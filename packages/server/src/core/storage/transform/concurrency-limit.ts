/** Runs at most `max` tasks at once; the others wait their turn, first come first served. */
export interface ConcurrencyLimit {
  run<T>(task: () => Promise<T>): Promise<T>
  /** Tasks running now (for tests and metrics). */
  readonly active: number
  /** Tasks waiting for a slot. */
  readonly waiting: number
}

/** A limit of `max` concurrent tasks. */
export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  let active = 0
  const queue: Array<() => void> = []
  const release = () => {
    const next = queue.shift()
    if (next) next()
    else active--
  }
  const acquire = () =>
    new Promise<void>((resolve) => {
      if (active < max) {
        active++
        resolve()
      } else queue.push(resolve)
    })
  return {
    async run(task) {
      await acquire()
      try {
        return await task()
      } finally {
        release()
      }
    },
    get active() {
      return active
    },
    get waiting() {
      return queue.length
    },
  }
}
