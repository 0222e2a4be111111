import PgBoss from 'pg-boss'
import type { Job, JobHandler, JobQueue, JobQueueOptions } from '../job-queue.js'

/** Settings of the pg-boss job queue. */
export interface PgBossQueueOptions {
  connectionString: string
  /** The schema of pg-boss's own tables. */
  schema?: string
  /** How often an idle worker asks for a job (at least 0.5). */
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
  readonly #workers = new Map<string, string[]>()

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
    const worker = this.#workers.get(queue)?.[0]
    if (!delaySeconds && worker) this.#boss.notifyWorker(worker)
  }

  async work(queue: string, concurrency: number, handler: JobHandler): Promise<void> {
    const options = {
      batchSize: 1,
      includeMetadata: true as const,
      pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 1,
    }
    const ids: string[] = []
    for (let i = 0; i < concurrency; i += 1) {
      let id = ''
      id = await this.#boss.work<Record<string, unknown>>(queue, options, async (jobs) => {
        // After a job, the worker asks again at once (pg-boss would wait a polling interval).
        const again = () => void (id && this.#boss.notifyWorker(id))
        for (const job of jobs) await handler(toJob(job)).finally(again)
      })
      ids.push(id)
    }
    this.#workers.set(queue, ids)
  }

  async stop(): Promise<void> {
    await this.#boss.stop({
      graceful: true,
      wait: true,
      timeout: this.#options.stopTimeoutMs ?? 5000,
    })
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

function toJob(job: PgBoss.JobWithMetadata<Record<string, unknown>>): Job {
  return { id: job.id, data: job.data, attempt: job.retryCount + 1 }
}
