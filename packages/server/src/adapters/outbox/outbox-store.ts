import { newObjectId } from '../../tools/ids.js'
import type { Queryable } from '../database/database.js'

/** What an outbox entry holds: an email or a text message. */
export type OutboxKind = 'mail' | 'sms'

/** One message written to the development outbox instead of being sent. */
export interface OutboxEntry {
  id: string
  kind: OutboxKind
  recipient: string
  /** The email's subject; null for text messages. */
  subject: string | null
  /** The plain-text body. */
  body: string
  /** The email's HTML body, when it has one. */
  html: string | null
  createdAt: Date
}

/** A message to record. */
export interface OutboxInput {
  kind: OutboxKind
  recipient: string
  subject?: string
  body: string
  html?: string
}

/** Which entries to list. */
export interface OutboxQuery {
  kind?: OutboxKind
  recipient?: string
  /** At most this many entries, newest first (default 50, at most 1000). */
  limit?: number
}

/** Called with each entry the outbox senders record, for a development log line. */
export type OutboxLog = (entry: OutboxEntry) => void

const DEFAULT_LIMIT = 50
/** The largest page `list` answers. */
export const MAX_OUTBOX_LIMIT = 1000

/** A row of basalt.outbox as the driver answers it. */
export type OutboxRow = {
  id: string
  kind: OutboxKind
  recipient: string
  subject: string | null
  body: string
  html: string | null
  created_at: Date
}

/** The development outbox in `basalt.outbox`: messages kept for reading instead of sent. */
export class OutboxStore {
  readonly #db: Queryable

  constructor(db: Queryable) {
    this.#db = db
  }

  /** Stores one message and answers the entry as stored. */
  async record(input: OutboxInput): Promise<OutboxEntry> {
    const rows = await this.#db.query<OutboxRow>(
      `INSERT INTO basalt.outbox (id, kind, recipient, subject, body, html)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        newObjectId(),
        input.kind,
        input.recipient,
        input.subject ?? null,
        input.body,
        input.html ?? null,
      ],
    )
    return toEntry(rows[0]!)
  }

  /** Lists entries newest first, optionally of one kind and for one recipient. */
  async list(query: OutboxQuery = {}): Promise<OutboxEntry[]> {
    const limit = checkLimit(query.limit ?? DEFAULT_LIMIT)
    const conditions: string[] = []
    const params: unknown[] = []
    if (query.kind !== undefined) conditions.push(`kind = $${params.push(query.kind)}`)
    if (query.recipient !== undefined) {
      conditions.push(`recipient = $${params.push(query.recipient)}`)
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
    const rows = await this.#db.query<OutboxRow>(
      // id breaks ties between entries of one transaction: ObjectIds grow with time.
      `SELECT * FROM basalt.outbox ${where}
       ORDER BY created_at DESC, id DESC LIMIT $${params.push(limit)}`,
      params,
    )
    return rows.map(toEntry)
  }

  /** The newest entry of a kind for a recipient (the last code or link sent), if any. */
  async latest(kind: OutboxKind, recipient: string): Promise<OutboxEntry | undefined> {
    const [entry] = await this.list({ kind, recipient, limit: 1 })
    return entry
  }
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_OUTBOX_LIMIT) {
    throw new RangeError(`outbox limit must be an integer from 1 to ${MAX_OUTBOX_LIMIT}`)
  }
  return limit
}

/** The entry of a basalt.outbox row. */
export function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    html: row.html,
    createdAt: row.created_at,
  }
}
