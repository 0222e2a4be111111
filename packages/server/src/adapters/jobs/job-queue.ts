/** How the jobs of one queue are retried and when a running one counts as lost. */
export interface JobQueueOptions {
  /** Further attempts after a failed one. */
  readonly retryLimit: number
  readonly retryDelaySeconds: number
  /** Double the delay after each failed attempt. */
  readonly retryBackoff: boolean
  /** A job still running after this long (its process died) is failed, then retried. */
  readonly expireInSeconds: number
}

/** One job as a worker receives it. */
export interface Job {
  readonly id: string
  readonly data: Record<string, unknown>
  /** 1 for the first attempt. */
  readonly attempt: number
}

/** Runs one job; a rejection fails the attempt (retried while attempts remain). */
export type JobHandler = (job: Job) => Promise<void>

/**
 * Durable jobs shared by every process on one database: each job is run by one worker at a
 * time, and a job whose worker died is retried after it expires.
 */
export interface JobQueue {
  start(): Promise<void>
  /** Creates or updates a queue. */
  define(queue: string, options: JobQueueOptions): Promise<void>
  /** Adds a job; `delaySeconds` postpones its first attempt. */
  send(
    queue: string,
    id: string,
    data: Record<string, unknown>,
    delaySeconds?: number,
  ): Promise<void>
  /** Starts `concurrency` workers of this process on a queue. */
  work(queue: string, concurrency: number, handler: JobHandler): Promise<void>
  /** Stops the workers, waiting a while for running jobs, then closes connections. */
  stop(): Promise<void>
}
