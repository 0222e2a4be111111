import type { Queryable } from '../../adapters/database/database.js'
import { fail } from '../../tools/errors.js'
import type { Session, UserAgentInfo } from './user-types.js'

type SessionRow = {
  token_hash: string
  user_id: string
  created_at: Date
  expires_at: Date
  user_agent: UserAgentInfo
}

/** A stored session: who, until when. */
export interface StoredSession {
  tokenHash: string
  userId: string
  expiresAt: Date
}

/**
 * Stores a new session under the hash of its token: the one place every sign-in flow opens a
 * session, so a user an admin disabled gets none (403 user_disabled), whatever the flow.
 */
export async function insertSession(
  db: Queryable,
  row: { tokenHash: string; userId: string; expiresAt: Date; userAgent: UserAgentInfo },
): Promise<Date> {
  // One statement: a user disabled at this very moment gets no session either.
  const rows = await db.query<{ created_at: Date }>(
    `INSERT INTO basalt.sessions (token_hash, user_id, expires_at, user_agent)
     SELECT $1::text, id, $3::timestamptz, $4::jsonb FROM basalt.users
     WHERE id = $2 AND disabled_at IS NULL RETURNING created_at`,
    [row.tokenHash, row.userId, row.expiresAt, row.userAgent],
  )
  if (!rows[0]) throw fail('user_disabled')
  return rows[0].created_at
}

/** The live session with this token hash (none of a disabled user). */
export async function findSession(db: Queryable, tokenHash: string) {
  const rows = await db.query<SessionRow>(
    `SELECT s.* FROM basalt.sessions s JOIN basalt.users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  )
  const row = rows[0]
  return row && { tokenHash: row.token_hash, userId: row.user_id, expiresAt: row.expires_at }
}

/** A user's live sessions, newest first, in the wire shape (the token is the public id). */
export async function listSessions(db: Queryable, userId: string): Promise<Session[]> {
  const rows = await db.query<SessionRow>(
    `SELECT * FROM basalt.sessions WHERE user_id = $1 AND expires_at > now()
     ORDER BY created_at DESC`,
    [userId],
  )
  return rows.map(listedSession)
}

/** One live session in the wire shape, by the hash of its token. */
export async function findListedSession(db: Queryable, tokenHash: string) {
  const rows = await db.query<SessionRow>(
    'SELECT * FROM basalt.sessions WHERE token_hash = $1 AND expires_at > now()',
    [tokenHash],
  )
  return rows[0] && listedSession(rows[0])
}

/** A session row in the wire shape: its token is the public id (the hash), never the secret. */
function listedSession(row: SessionRow): Session {
  return {
    userId: row.user_id,
    token: row.token_hash,
    creationDtm: row.created_at.toISOString(),
    userAgent: row.user_agent,
    accessGroupKeys: [],
  }
}

/** Deletes one session of a user; answers it (listed shape) if it existed. */
export async function deleteSession(
  db: Queryable,
  userId: string,
  tokenHash: string,
): Promise<Session | undefined> {
  const rows = await db.query<SessionRow>(
    'DELETE FROM basalt.sessions WHERE user_id = $1 AND token_hash = $2 RETURNING *',
    [userId, tokenHash],
  )
  return rows[0] && listedSession(rows[0])
}

/** Deletes every session of a user, but `keepHash` when given; answers those deleted. */
export async function deleteUserSessions(
  db: Queryable,
  userId: string,
  keepHash?: string,
): Promise<Session[]> {
  const rows = await db.query<SessionRow>(
    `DELETE FROM basalt.sessions WHERE user_id = $1 AND ($2::text IS NULL OR token_hash <> $2)
     RETURNING *`,
    [userId, keepHash ?? null],
  )
  return rows.map(listedSession)
}
