import type { Queryable } from '../../../adapters/database/database.js'
import { fail } from '../../../tools/errors.js'
import type { AuthContext } from '../../auth/auth-context.js'
import { announceSignOuts } from '../../auth/flows/shared.js'
import type { UserAgentInfo } from '../../auth/user-types.js'
import { userNotFound } from './admin-users.js'

/** A live session as the admin API lists it: its id is the stored token hash. */
export interface AdminSession {
  id: string
  createdAt: string
  expiresAt: string
  userAgent: UserAgentInfo
}

type SessionRow = {
  token_hash: string
  created_at: Date
  expires_at: Date
  user_agent: UserAgentInfo
}

/** The live sessions of a user, newest first; 404 user_not_found for an unknown user. */
export async function listUserSessions(db: Queryable, userId: string): Promise<AdminSession[]> {
  await requireUser(db, userId)
  const rows = await db.query<SessionRow>(
    `SELECT token_hash, created_at, expires_at, user_agent FROM basalt.sessions
     WHERE user_id = $1 AND expires_at > now() ORDER BY created_at DESC, token_hash`,
    [userId],
  )
  return rows.map((row) => ({
    id: row.token_hash,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    userAgent: row.user_agent,
  }))
}

/** Ends every session of a user (in every process); answers how many were ended. */
export async function revokeUserSessions(ctx: AuthContext, userId: string): Promise<number> {
  await requireUser(ctx.db, userId)
  const ended = await ctx.db.transaction((tx) => ctx.sessions.endAll(tx, userId))
  announceSignOuts(ctx, userId, ended)
  return ended.length
}

/** Ends one session of a user by its id; 404 session_not_found when the user has no such one. */
export async function revokeUserSession(
  ctx: AuthContext,
  userId: string,
  sessionId: string,
): Promise<void> {
  await requireUser(ctx.db, userId)
  const ended = await ctx.sessions.end(userId, sessionId)
  if (!ended) throw fail('session_not_found', undefined, { userId, sessionId })
  announceSignOuts(ctx, userId, [ended])
}

async function requireUser(db: Queryable, userId: string): Promise<void> {
  const rows = await db.query('SELECT 1 FROM basalt.users WHERE id = $1', [userId])
  if (rows.length === 0) throw userNotFound(userId)
}
