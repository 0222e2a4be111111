import type PgBoss from 'pg-boss'
import type { Job, JobHandler } from '../job-queue.js'

/** What a dispatcher needs: the job library and one queue's settings in this process. */
export interface QueueDispatcherOptions {
  boss: PgBoss
  queue: string
  concurrency: number
  handler: JobHandler
  /** How long an idle dispatcher waits before it asks again (a `send` or a finished job wakes it sooner). */
  pollMs: number
  onError: (error: Error) => void
}

// pg-boss also answers each job's expiry in seconds (PostgreSQL's numeric: a string in `pg`).
type FetchedJob = PgBoss.JobWithMetadata<Record<string, unknown>> & {
  expireInSeconds?: number | string
}

/**
 * Runs up to `concurrency` jobs of one queue in this process with one fetch loop. pg-boss's own
 * `work()` is one loop per concurrent worker, and each idle one asks the database every polling
 * interval: ten queries a second for an idle queue of concurrency 10, on every process. Here an
 * idle queue asks once per interval, a fetch takes as many jobs as there are free slots, and a
 * slot that frees (or a job sent by this process) makes it ask again at once. Each job is
 * completed or failed as pg-boss's workers do it: a handler that rejects, or runs past the job's
 * expiry, fails its attempt (retried while the queue allows); jobs still running when `stop`
 * gives up are failed, so another process retries them.
 */
export class QueueDispatcher {
  readonly #options: QueueDispatcherOptions
  readonly #running = new Map<string, Promise<void>>()
  #loop: Promise<void> | undefined
  #stopping = false
  #stopped = false
  // Set by wake(); the loop asks again instead of sleeping when it was woken meanwhile.
  #woken = false
  #wake: (() => void) | undefined

  constructor(options: QueueDispatcherOptions) {
    this.#options = options
  }

  start(): void {
    this.#loop ??= this.#run()
  }

  /** A job may be waiting: ask now rather than at the next poll. */
  wake(): void {
    this.#woken = true
    this.#wake?.()
  }

  /** Jobs of this process running now. */
  get running(): number {
    return this.#running.size
  }

  /**
   * Stops fetching, waits up to `timeoutMs` for running jobs, then fails the ones still running
   * (their handlers are not interrupted; what they do later is not recorded by this queue).
   */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopping = true
    this.wake()
    await this.#loop
    if (this.#running.size > 0) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
      await Promise.race([Promise.allSettled(this.#running.values()), timeout])
      clearTimeout(timer)
    }
    this.#stopped = true
    const left = [...this.#running.keys()]
    if (left.length > 0) {
      const { boss, queue } = this.#options
      const error = new Error('shut down while running')
      await Promise.all(left.map((id) => boss.fail(queue, id, error).catch(this.#report)))
    }
  }

  async #run(): Promise<void> {
    const { concurrency } = this.#options
    while (!this.#stopping) {
      this.#woken = false
      const free = concurrency - this.#running.size
      const jobs = free > 0 ? await this.#fetch(free) : []
      for (const job of jobs) this.#start(job)
      if (this.#stopping) break
      if (this.#woken) continue
      // Every free slot got a job: more may wait, and the next turn finds the slots full.
      if (free > 0 && jobs.length === free) continue
      // Slots full: a finishing job wakes the loop. Else the queue is empty: poll later.
      await this.#sleep(free > 0 ? this.#options.pollMs : undefined)
    }
  }

  async #fetch(batchSize: number): Promise<FetchedJob[]> {
    const { boss, queue } = this.#options
    try {
      return await boss.fetch<Record<string, unknown>>(queue, { batchSize, includeMetadata: true })
    } catch (error) {
      this.#report(error)
      return []
    }
  }

  #start(job: FetchedJob): void {
    const done = this.#execute(job).finally(() => {
      this.#running.delete(job.id)
      this.wake()
    })
    this.#running.set(job.id, done)
  }

  async #execute(job: FetchedJob): Promise<void> {
    const { boss, queue, handler } = this.#options
    let failure: Error | undefined
    try {
      await withinSeconds(
        handler({ id: job.id, data: job.data, attempt: job.retryCount + 1 } satisfies Job),
        Number(job.expireInSeconds ?? DEFAULT_EXPIRY_SECONDS),
      )
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error))
    }
    // Past stop() the job was failed there (or the connections are closed).
    if (this.#stopped) return
    try {
      if (failure) await boss.fail(queue, job.id, failure)
      else await boss.complete(queue, job.id)
    } catch (error) {
      this.#report(error)
    }
  }

  #sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#wake = undefined
        resolve()
      }
      const timer = ms === undefined ? undefined : setTimeout(done, ms)
      this.#wake = done
    })
  }

  readonly #report = (error: unknown) =>
    this.#options.onError(error instanceof Error ? error : new Error(String(error)))
}

// pg-boss's default expiry (15 minutes), should a job come without one.
const DEFAULT_EXPIRY_SECONDS = 900

/** `work`, or a rejection once it runs past `seconds` (as pg-boss's workers time a handler). */
async function withinSeconds(work: Promise<void>, seconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const ms = Math.max(1, seconds) * 1000
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`handler execution exceeded ${ms}ms`)), ms)
  })
  try {
    await Promise.race([work, expired])
  } finally {
    clearTimeout(timer)
  }
}
