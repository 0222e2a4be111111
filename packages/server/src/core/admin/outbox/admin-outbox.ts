import type { Queryable } from '../../../adapters/database/database.js'
import { toEntry } from '../../../adapters/outbox/outbox-store.js'
import type { OutboxEntry, OutboxKind, OutboxRow } from '../../../adapters/outbox/outbox-store.js'
import { containsPattern } from '../users/admin-users.js'

/** Which outbox entries an admin lists. */
export interface OutboxFilter {
  kind?: OutboxKind | undefined
  /** Part of the recipient (case-insensitive). */
  search?: string | undefined
}

/** One page of the development outbox (`basalt.outbox`), newest first, with the total. */
export async function listOutbox(
  db: Queryable,
  filter: OutboxFilter,
  page: number,
  size: number,
): Promise<{ items: OutboxEntry[]; total: number }> {
  const where = `WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR recipient ILIKE $2)`
  const params = [filter.kind ?? null, filter.search ? containsPattern(filter.search) : null]
  const rows = await db.query<OutboxRow & { total: string }>(
    // id breaks ties between entries of one transaction: ObjectIds grow with time.
    `SELECT *, count(*) OVER () AS total FROM basalt.outbox ${where}
     ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
    [...params, size, (page - 1) * size],
  )
  const total = rows[0]
    ? Number(rows[0].total)
    : Number(
        (
          await db.query<{ n: string }>(`SELECT count(*) AS n FROM basalt.outbox ${where}`, params)
        )[0]?.n ?? 0,
      )
  return { items: rows.map(toEntry), total }
}
