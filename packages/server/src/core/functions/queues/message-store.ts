import type { Queryable } from '../../../adapters/database/database.js'
import type { HandlerFailure } from './run-handler.js'

/** A message's status as the client reads it (protocol §6.2). */
export interface MessageInfo {
  messageId: string
  queueId: string
  queueName: string
  submittedAt: string
  startedAt: string | null
  completedAt: string | null
  status: 'pending' | 'processing' | 'completed' | 'errors'
  errors: Record<string, unknown> | null
}

interface MessageRow {
  [column: string]: unknown
  id: string
  queue: string
  submitted_at: Date
  started_at: Date | null
  completed_at: Date | null
  status: MessageInfo['status']
  errors: Record<string, unknown> | null
}

const COLUMNS = 'id, queue, submitted_at, started_at, completed_at, status, errors'

/** The status rows of queue messages, in basalt.queue_messages. */
export class MessageStore {
  constructor(private readonly db: Queryable) {}

  /** Records a new message, pending. */
  async insert(id: string, queue: string, message: object): Promise<MessageInfo> {
    const rows = await this.db.query<MessageRow>(
      `INSERT INTO basalt.queue_messages (id, queue, message) VALUES ($1, $2, $3)
       RETURNING ${COLUMNS}`,
      [id, queue, JSON.stringify(message)],
    )
    return toInfo(rows[0]!)
  }

  /** Removes a message that could not be handed to the job queue. */
  async remove(id: string): Promise<void> {
    await this.db.query('DELETE FROM basalt.queue_messages WHERE id = $1', [id])
  }

  /** A message's status, or null when unknown or older than its queue keeps. */
  async find(id: string, keepDays: (queue: string) => number): Promise<MessageInfo | null> {
    const rows = await this.db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM basalt.queue_messages WHERE id = $1`,
      [id],
    )
    const row = rows[0]
    if (!row) return null
    const keptUntil = row.submitted_at.getTime() + keepDays(row.queue) * 86_400_000
    return keptUntil < Date.now() ? null : toInfo(row)
  }

  /** Marks an attempt started and answers the message body (undefined when the row is gone). */
  async start(id: string, attempt: number): Promise<Record<string, unknown> | undefined> {
    const rows = await this.db.query<{ message: Record<string, unknown> }>(
      `UPDATE basalt.queue_messages
       SET status = 'processing', started_at = now(), completed_at = NULL, attempts = $2
       WHERE id = $1 RETURNING message`,
      [id, attempt],
    )
    return rows[0]?.message
  }

  async complete(id: string): Promise<void> {
    await this.db.query(
      `UPDATE basalt.queue_messages SET status = 'completed', completed_at = now() WHERE id = $1`,
      [id],
    )
  }

  /** Records a failed attempt: pending again while retries remain, else `errors`, dead. */
  async fail(id: string, failure: HandlerFailure & { attempt: number }, final: boolean) {
    await this.db.query(
      `UPDATE basalt.queue_messages
       SET status = $2, errors = $3, dead_letter = $4,
           completed_at = CASE WHEN $4 THEN now() ELSE NULL END
       WHERE id = $1`,
      [id, final ? 'errors' : 'pending', JSON.stringify(failure), final],
    )
  }

  /**
   * Marks as failed and dead the messages of a queue whose last attempt has been running for
   * longer than `seconds`: their process died and the job queue will not retry them.
   */
  async markLost(queue: string, retries: number, seconds: number): Promise<void> {
    await this.db.query(
      `UPDATE basalt.queue_messages
       SET status = 'errors', dead_letter = true, completed_at = now(),
           errors = jsonb_build_object('code', 'handler_lost', 'attempt', attempts,
             'message', 'the process running it stopped before it answered',
             'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
       WHERE queue = $1 AND status = 'processing' AND attempts > $2
         AND started_at < now() - make_interval(secs => $3)`,
      [queue, retries, seconds],
    )
  }

  /**
   * Sets a failed message (status `errors`, dead letters included) pending again, as new:
   * attempts, times and errors cleared. Answers it, or undefined when it is not in `errors`.
   */
  async requeue(id: string): Promise<MessageInfo | undefined> {
    const rows = await this.db.query<MessageRow>(
      `UPDATE basalt.queue_messages
       SET status = 'pending', attempts = 0, started_at = NULL, completed_at = NULL,
           errors = NULL, dead_letter = false
       WHERE id = $1 AND status = 'errors' RETURNING ${COLUMNS}`,
      [id],
    )
    return rows[0] ? toInfo(rows[0]) : undefined
  }

  /** The queue and status of a message, whatever its age, or undefined when there is none. */
  async state(id: string): Promise<Pick<MessageRow, 'queue' | 'status'> | undefined> {
    const rows = await this.db.query<MessageRow>(
      'SELECT queue, status FROM basalt.queue_messages WHERE id = $1',
      [id],
    )
    return rows[0]
  }

  /** Deletes the messages of a queue submitted more than `days` ago. */
  async purge(queue: string, days: number): Promise<void> {
    await this.db.query(
      `DELETE FROM basalt.queue_messages
       WHERE queue = $1 AND submitted_at < now() - make_interval(days => $2)`,
      [queue, days],
    )
  }
}

function toInfo(row: MessageRow): MessageInfo {
  return {
    messageId: row.id,
    queueId: row.queue,
    queueName: row.queue,
    submittedAt: row.submitted_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    status: row.status,
    errors: row.errors,
  }
}
