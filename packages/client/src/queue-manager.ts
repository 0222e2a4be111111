import type { APIError } from '@basalt/protocol'
import { APIBase } from './api-base.js'
import type { Fetcher } from './fetcher.js'

const QUEUE = '/_api/rest/v1/queue'

/** Where a queued message or a triggered task is: waiting, running, done, or failed. */
export type ProcessingStatus = 'pending' | 'processing' | 'completed' | 'errors'

/** A message submitted to a queue and its processing state; timestamps are ISO strings. */
export interface MessageInfo {
  /** The id to ask `getMessageStatus` about. */
  messageId: string
  queueId: string
  queueName: string
  submittedAt: string
  startedAt: string
  completedAt: string
  status: ProcessingStatus
  /** What went wrong while processing the message (status `errors`). */
  errors: object
}

/** What `submitMessage` and `getMessageStatus` resolve to. */
export interface MessageResult {
  info: MessageInfo | null
  errors: APIError | null
}

/**
 * Submits messages to the app's message queues and reads their status (§6.2). Unlike the
 * published client, `getMessageStatus` URI-encodes the message id in the path.
 */
export class QueueManager extends APIBase {
  /** Creates the queue manager on the shared transport. */
  constructor(fetcher: Fetcher) {
    super(fetcher)
  }

  /**
   * Submits `message` to the queue named (or with the id) `queueNameOrId`; its service runs after
   * `delay` seconds (at once when not given). Resolves the message's info, with its `messageId`.
   */
  async submitMessage(
    queueNameOrId: string,
    message: object,
    delay?: number,
  ): Promise<MessageResult> {
    const body = { queueNameOrId, message, delay }
    const { data, errors } = await this.fetcher.post<MessageInfo>(QUEUE, body)
    return { info: data, errors }
  }

  /** The latest status of a message; `info` is `null` if unknown or older than seven days. */
  async getMessageStatus(messageId: string): Promise<MessageResult> {
    const path = `${QUEUE}/${encodeURIComponent(messageId)}`
    const { data, errors } = await this.fetcher.get<MessageInfo>(path)
    return { info: data, errors }
  }
}
