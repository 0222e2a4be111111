import PgBoss from 'pg-boss'
import type { JobHandler, JobQueue, JobQueueOptions } from '../job-queue.js'
import { QueueDispatcher } from './queue-dispatcher.js'

/** Settings of the pg-boss job queue. */
export interface PgBossQueueOptions {
  connectionString: string
  /** The schema of pg-boss's own tables. */
  schema?: string
  /** How often an idle queue asks for a job, in seconds (at least 0.05; default 1). */
  pollingIntervalSeconds?: number
  /** How often expired jobs are looked for (one process does it per interval). */
  maintenanceIntervalSeconds?: number
  /** How long `stop()` waits for running jobs. */
  stopTimeoutMs?: number
  onError?: (error: Error) => void
}

// pg-boss refuses an expiry of 24 hours or more.
const MAX_EXPIRE_SECONDS = 24 * 3600 - 1

/** JobQueue on pg-boss 10: jobs in PostgreSQL, fetched with SKIP LOCKED, expired jobs retried. */
export class PgBossQueue implements JobQueue {
  readonly #boss: PgBoss
  readonly #options: PgBossQueueOptions
  readonly #dispatchers = new Map<string, QueueDispatcher>()

  constructor(options: PgBossQueueOptions) {
    this.#options = options
    this.#boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema ?? 'basalt_jobs',
      max: 4,
      // Basalt's own cron ticker runs tasks (per second, once across processes).
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 10,
    })
    this.#boss.on('error', (error) => options.onError?.(error))
  }

  async start(): Promise<void> {
    await this.#boss.start()
  }

  async define(queue: string, options: JobQueueOptions): Promise<void> {
    const settings: PgBoss.Queue = {
      name: queue,
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      retryBackoff: options.retryBackoff,
      expireInSeconds: Math.min(Math.max(1, options.expireInSeconds), MAX_EXPIRE_SECONDS),
    }
    const existing = await this.#boss.getQueue(queue)
    if (existing) await this.#boss.updateQueue(queue, settings)
    else await this.#createQueue(queue, settings)
  }

  async send(
    queue: string,
    id: string,
    data: Record<string, unknown>,
    delaySeconds?: number,
  ): Promise<void> {
    const options: PgBoss.SendOptions = { id }
    if (delaySeconds) options.startAfter = delaySeconds
    await this.#boss.send(queue, data, options)
    // A job due now starts at once on this process instead of at the next poll.
    if (!delaySeconds) this.#dispatchers.get(queue)?.wake()
  }

  async work(queue: string, concurrency: number, handler: JobHandler): Promise<void> {
    const pollSeconds = Math.max(0.05, this.#options.pollingIntervalSeconds ?? 1)
    const dispatcher = new QueueDispatcher({
      boss: this.#boss,
      queue,
      concurrency,
      handler,
      pollMs: pollSeconds * 1000,
      onError: (error) => this.#options.onError?.(error),
    })
    this.#dispatchers.set(queue, dispatcher)
    dispatcher.start()
  }

  async stop(): Promise<void> {
    const timeoutMs = this.#options.stopTimeoutMs ?? 5000
    await Promise.all([...this.#dispatchers.values()].map((each) => each.stop(timeoutMs)))
    this.#dispatchers.clear()
    await this.#boss.stop({ graceful: true, wait: true, timeout: timeoutMs })
  }

  async #createQueue(queue: string, settings: PgBoss.Queue, attempt = 1): Promise<void> {
    try {
      await this.#boss.createQueue(queue, settings)
    } catch (error) {
      // Another process created it first (its settings are the same configuration), or both
      // deadlocked creating it at once: then one of them tries again.
      if (await this.#boss.getQueue(queue)) return
      if (attempt >= 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200))
      await this.#createQueue(queue, settings, attempt + 1)
    }
  }
}
