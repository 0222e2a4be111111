import type { Queryable } from '../../../adapters/database/database.js'
import type { QueueConfig } from '../../../config/functions-config.js'
import { limitOffset, pageTotal } from './admin-page.js'
import type { AdminPage, AdminPageRequest } from './admin-page.js'

/** The statuses of a queue message. */
export const MESSAGE_STATUSES = ['pending', 'processing', 'completed', 'errors'] as const

/** One status of a queue message. */
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

/** A declared queue with the number of its messages in each status. */
export interface AdminQueue {
  name: string
  concurrency: number
  retries: number
  counts: Record<MessageStatus | 'deadLetter', number>
}

/** A queue message as the admin console shows it. */
export interface AdminMessage {
  messageId: string
  queue: string
  message: unknown
  status: MessageStatus
  attempts: number
  deadLetter: boolean
  submittedAt: string
  startedAt: string | null
  completedAt: string | null
  errors: Record<string, unknown> | null
}

interface MessageRow {
  [column: string]: unknown
  id: string
  queue: string
  message: unknown
  status: MessageStatus
  attempts: number
  dead_letter: boolean
  submitted_at: Date
  started_at: Date | null
  completed_at: Date | null
  errors: Record<string, unknown> | null
}

const COLUMNS =
  'id, queue, message, status, attempts, dead_letter, submitted_at, started_at, completed_at, errors'

/** The declared queues, by name, with their message counts (one query for them all). */
export async function listQueues(
  db: Queryable,
  configs: Readonly<Record<string, QueueConfig>>,
): Promise<AdminQueue[]> {
  const rows = await db.query<{ queue: string; status: MessageStatus; n: string; dead: string }>(
    `SELECT queue, status, count(*) AS n, count(*) FILTER (WHERE dead_letter) AS dead
       FROM basalt.queue_messages WHERE queue = ANY($1::text[]) GROUP BY queue, status`,
    [Object.keys(configs)],
  )
  return Object.entries(configs)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, config]) => {
      const counts = { pending: 0, processing: 0, completed: 0, errors: 0, deadLetter: 0 }
      for (const row of rows.filter((r) => r.queue === name)) {
        counts[row.status] = Number(row.n)
        counts.deadLetter += Number(row.dead)
      }
      return { name, concurrency: config.concurrency, retries: config.retries, counts }
    })
}

/** A page of a queue's messages, newest first, of one status when given. */
export async function listMessages(
  db: Queryable,
  queue: string,
  status: MessageStatus | null,
  page: AdminPageRequest,
): Promise<AdminPage<AdminMessage>> {
  const where = 'queue = $1 AND ($2::text IS NULL OR status = $2)'
  const rows = await db.query<MessageRow>(
    `SELECT ${COLUMNS}, count(*) OVER () AS _total FROM basalt.queue_messages
      WHERE ${where} ORDER BY submitted_at DESC, id DESC LIMIT $3 OFFSET $4`,
    [queue, status, ...limitOffset(page)],
  )
  const count = `SELECT count(*) AS n FROM basalt.queue_messages WHERE ${where}`
  return {
    items: rows.map(toMessage),
    total: await pageTotal(db, rows, count, [queue, status]),
  }
}

/** One message, or undefined when there is none. */
export async function getMessage(db: Queryable, id: string): Promise<AdminMessage | undefined> {
  const rows = await db.query<MessageRow>(
    `SELECT ${COLUMNS} FROM basalt.queue_messages WHERE id = $1`,
    [id],
  )
  return rows[0] ? toMessage(rows[0]) : undefined
}

function toMessage(row: MessageRow): AdminMessage {
  return {
    messageId: row.id,
    queue: row.queue,
    message: row.message,
    status: row.status,
    attempts: row.attempts,
    deadLetter: row.dead_letter,
    submittedAt: row.submitted_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    errors: row.errors,
  }
}
