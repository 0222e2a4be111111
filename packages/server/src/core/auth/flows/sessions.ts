import { fail } from '../../../tools/errors.js'
import type { AuthContext } from '../auth-context.js'
import { hashSecret } from '../../../tools/secrets.js'
import { listSessions } from '../session-store.js'
import type { AuthRequest, Session, User } from '../user-types.js'
import { announceSignOuts, currentUser } from './shared.js'

/** Signs out the session named by `token` (a token or a listed session id), else the current. */
export async function signOut(
  ctx: AuthContext,
  input: { token?: unknown },
  request: AuthRequest,
): Promise<void> {
  const session = request.session
  if (!session) throw fail('missing_session_token')
  const target = typeof input.token === 'string' && input.token ? input.token : session.token
  const ended = await ctx.sessions.end(session.userId, target)
  if (ended) announceSignOuts(ctx, session.userId, [ended])
}

/** Signs out every session of the user, the current one included. */
export async function signOutAll(ctx: AuthContext, request: AuthRequest): Promise<void> {
  const { user } = await currentUser(ctx, request)
  const ended = await ctx.db.transaction((tx) => ctx.sessions.endAll(tx, user._id))
  announceSignOuts(ctx, user._id, ended)
}

/** Signs out every session of the user but the current one. */
export async function signOutAllExceptCurrent(ctx: AuthContext, request: AuthRequest) {
  const { user } = await currentUser(ctx, request)
  const ended = await ctx.db.transaction((tx) =>
    ctx.sessions.endAll(tx, user._id, request.session!.token),
  )
  announceSignOuts(ctx, user._id, ended)
}

/** The user's live sessions, the current one marked. */
export async function getAllSessions(ctx: AuthContext, request: AuthRequest): Promise<Session[]> {
  const { user } = await currentUser(ctx, request)
  const current = hashSecret(request.session!.token)
  const sessions = await listSessions(ctx.db, user._id)
  return sessions.map((session) => ({ ...session, isCurrent: session.token === current }))
}

/** The signed-in user as stored now. */
export async function getUser(ctx: AuthContext, request: AuthRequest): Promise<User> {
  return (await currentUser(ctx, request)).user
}
