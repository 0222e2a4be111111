import { randomUUID } from 'node:crypto'
import type { HandlerLoader } from '../../../adapters/code/handler-loader.js'
import type { Database } from '../../../adapters/database/database.js'
import type { Job, JobQueue } from '../../../adapters/jobs/job-queue.js'
import type { QueueConfig } from '../../../config/functions-config.js'
import { fail } from '../../../tools/errors.js'
import type { HandlerLogger, QueueTaskContextFactory } from '../handler-context.js'
import { MessageStore } from './message-store.js'
import type { MessageInfo } from './message-store.js'
import { runHandler } from './run-handler.js'

/** What the queue service needs. */
export interface QueueServiceDeps {
  db: Database
  jobs: JobQueue
  queues: Readonly<Record<string, QueueConfig>>
  handlers: HandlerLoader
  context: QueueTaskContextFactory
  log: HandlerLogger
}

/** The longest delay a message may be given: a year, in seconds. */
export const MAX_DELAY_SECONDS = 365 * 86_400
// A job still running this long after its handler's timeout is taken as lost (process died).
const EXPIRY_MARGIN_SECONDS = 2

/**
 * How often to look for lost messages (their process died): about the shortest queue timeout,
 * from 1 s to a minute, so a lost message is retried about one timeout after it expired.
 */
export function lostMessageCheckSeconds(queues: Readonly<Record<string, QueueConfig>>): number {
  const timeouts = Object.values(queues).map((queue) => queue.timeoutSeconds)
  return Math.max(1, Math.min(60, ...timeouts))
}

const PURGE_EVERY_MS = 3_600_000
// Past its expiry, a last attempt still `processing` has no process left to finish it.
const LOST_SLACK_SECONDS = 3

/** The job-queue name of an app queue. */
const jobQueueName = (queue: string) => `queue-${queue}`

/**
 * The app's message queues: submit, read a message's status, and consume messages with the
 * queue's handler (timeout, retries with backoff, the last failure recorded, dead after the
 * last attempt). Delivery is at least once: a message whose process died is retried.
 */
export class QueueService {
  readonly #deps: QueueServiceDeps
  readonly #store: MessageStore
  #started = false
  #purgeTimer: NodeJS.Timeout | undefined
  #lostTimer: NodeJS.Timeout | undefined

  constructor(deps: QueueServiceDeps) {
    this.#deps = deps
    this.#store = new MessageStore(deps.db)
  }

  /** Declares every queue to the job queue and starts this process's workers. */
  async start(): Promise<void> {
    // No queue, no job system: its tables are created on the first start with a queue.
    if (Object.keys(this.#deps.queues).length === 0) return
    // A missing module or export stops the start, naming it (as for endpoints).
    for (const queue of Object.values(this.#deps.queues)) {
      await this.#deps.handlers.load(queue.handler)
    }
    await this.#deps.jobs.start()
    this.#started = true
    for (const [name, queue] of Object.entries(this.#deps.queues)) {
      await this.#deps.jobs.define(jobQueueName(name), {
        retryLimit: queue.retries,
        retryDelaySeconds: queue.retryDelaySeconds,
        retryBackoff: queue.retryBackoff,
        expireInSeconds: queue.timeoutSeconds + EXPIRY_MARGIN_SECONDS,
      })
      await this.#deps.jobs.work(jobQueueName(name), queue.concurrency, (job) =>
        this.#consume(name, queue, job),
      )
    }
    this.#purgeTimer = setInterval(() => void this.purge().catch(this.#logPurge), PURGE_EVERY_MS)
    this.#purgeTimer.unref()
    const lostEveryMs = lostMessageCheckSeconds(this.#deps.queues) * 1000
    this.#lostTimer = setInterval(() => void this.markLost().catch(this.#logPurge), lostEveryMs)
    this.#lostTimer.unref()
  }

  readonly #logPurge = (error: unknown) =>
    this.#deps.log.error({ err: error }, 'queue status upkeep failed')

  /** Stops this process's workers (waiting a while for running messages) and the purge. */
  async stop(): Promise<void> {
    clearInterval(this.#purgeTimer)
    clearInterval(this.#lostTimer)
    if (this.#started) await this.#deps.jobs.stop()
    this.#started = false
  }

  /** Submits a message to a queue, to run now or after `delaySeconds`. */
  async submit(queueName: string, message: unknown, delaySeconds?: unknown): Promise<MessageInfo> {
    if (!Object.hasOwn(this.#deps.queues, queueName)) {
      throw fail('unknown_queue', `No queue named '${queueName}' is declared.`, {
        queue: queueName,
      })
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      throw fail('invalid_message')
    }
    const delay = checkDelay(delaySeconds)
    const id = randomUUID()
    const info = await this.#store.insert(id, queueName, message)
    try {
      await this.#deps.jobs.send(jobQueueName(queueName), id, { messageId: id }, delay)
    } catch (error) {
      await this.#store.remove(id).catch(() => undefined)
      throw error
    }
    return info
  }

  /** The declared queues and their settings. */
  queueConfigs(): Readonly<Record<string, QueueConfig>> {
    return this.#deps.queues
  }

  /**
   * Runs a failed message (status `errors`, dead letters included) again: its row goes back to
   * pending and a new job carries the same messageId, so its status moves again. Another status
   * is message_not_retryable; an unknown id message_not_found.
   */
  async retry(messageId: string): Promise<MessageInfo> {
    const state = await this.#store.state(messageId)
    if (!state) throw fail('message_not_found', undefined, { messageId })
    if (state.status !== 'errors') {
      throw fail('message_not_retryable', undefined, { messageId, status: state.status })
    }
    if (!Object.hasOwn(this.#deps.queues, state.queue)) {
      throw fail('unknown_queue', `No queue named '${state.queue}' is declared.`, {
        queue: state.queue,
      })
    }
    const info = await this.#store.requeue(messageId)
    if (!info) throw fail('message_not_retryable', undefined, { messageId })
    // A new job id: the job of the first submission (id = messageId) may still be on record, and
    // a job of a taken id would be dropped. The worker reads the message by `data.messageId`.
    await this.#deps.jobs.send(jobQueueName(state.queue), randomUUID(), { messageId })
    return info
  }

  /** A message's status, or null when unknown or past its queue's retention. */
  status(messageId: string): Promise<MessageInfo | null> {
    return this.#store.find(messageId, (queue) => this.#deps.queues[queue]?.retentionDays ?? 7)
  }

  /** Records as lost the messages whose last attempt's process died (no retry will come). */
  async markLost(): Promise<void> {
    for (const [name, queue] of Object.entries(this.#deps.queues)) {
      const seconds = queue.timeoutSeconds + EXPIRY_MARGIN_SECONDS + LOST_SLACK_SECONDS
      await this.#store.markLost(name, queue.retries, seconds)
    }
  }

  /** Deletes messages past their queue's retention. */
  async purge(): Promise<void> {
    for (const [name, queue] of Object.entries(this.#deps.queues)) {
      await this.#store.purge(name, queue.retentionDays)
    }
  }

  async #consume(queueName: string, queue: QueueConfig, job: Job): Promise<void> {
    const messageId = String(job.data.messageId)
    const message = await this.#store.start(messageId, job.attempt)
    if (!message) return // purged or never recorded: nothing to run
    const trigger = { kind: 'queue', queueName, messageId, message, attempt: job.attempt } as const
    const failure = await runHandler(
      () => this.#deps.handlers.load(queue.handler),
      this.#deps.context(trigger),
      queue.timeoutSeconds,
    )
    if (!failure) return this.#store.complete(messageId)
    const final = job.attempt > queue.retries
    await this.#store.fail(messageId, { ...failure, attempt: job.attempt }, final)
    this.#deps.log.warn(
      { queue: queueName, messageId, attempt: job.attempt, error: failure },
      final ? 'queue message failed, no attempts left' : 'queue message failed, will retry',
    )
    // The job queue schedules the retry (or records the job as failed).
    throw new Error(failure.message)
  }
}

/** A delay in seconds, absent or null for none; anything else is an invalid message. */
function checkDelay(delay: unknown): number | undefined {
  if (delay === undefined || delay === null) return undefined
  if (typeof delay === 'number' && Number.isFinite(delay) && delay >= 0) {
    if (delay <= MAX_DELAY_SECONDS) return delay
  }
  throw fail(
    'invalid_message',
    `The delay must be a number of seconds from 0 to ${MAX_DELAY_SECONDS}.`,
    { delay },
  )
}
