import { errorsOf, type AuthContext } from './auth-context.js'
import { AUTH_ROUTES } from './auth-routes.js'
import type { ErrorsResult, SessionsResult, UserResult } from './auth-types.js'
import type { Session, User } from './types.js'

/** Forgets the local session: storage and the `Session` header (no redirect). */
function forgetSession(context: AuthContext): void {
  context.clearLocalData()
  context.fetcher.clearSession()
}

/** Whether `token` (none meaning "the current one") is the session this client holds. */
function isCurrentSession(context: AuthContext, token: string | undefined): boolean {
  if (!token) return true
  return token === context.getSession()?.token || token === context.fetcher.getSessionToken()
}

/**
 * POST /auth/signout with `{token}`: ends that session, or the current one without a token. The
 * local session is forgotten when the current one ended. Never rejects (an exception gives
 * `{errors: null}`, as in the published client).
 */
export async function signOut(context: AuthContext, sessionToken?: string): Promise<ErrorsResult> {
  try {
    const { errors } = await context.fetcher.post(AUTH_ROUTES.signOut, { token: sessionToken })
    if (!errors && isCurrentSession(context, sessionToken)) forgetSession(context)
    return { errors }
  } catch {
    return { errors: null }
  }
}

/** POST /auth/signout-all; on success the local session is forgotten too. */
export async function signOutAll(context: AuthContext): Promise<ErrorsResult> {
  const { errors } = await context.fetcher.post(AUTH_ROUTES.signOutAll)
  if (!errors) forgetSession(context)
  return { errors }
}

/** POST /auth/signout-all-except: ends every other session of the user. */
export async function signOutAllExceptCurrent(context: AuthContext): Promise<ErrorsResult> {
  return errorsOf(await context.fetcher.post(AUTH_ROUTES.signOutAllExcept))
}

/** GET /auth/sessions: the user's active sessions. */
export async function getAllSessions(context: AuthContext): Promise<SessionsResult> {
  const { data, errors } = await context.fetcher.get<Session[]>(AUTH_ROUTES.sessions)
  return { sessions: data, errors }
}

/** GET /auth/user: the signed-in user as stored on the server; local data is not touched. */
export async function getUserFromDB(context: AuthContext): Promise<UserResult> {
  const { data, errors } = await context.fetcher.get<User>(AUTH_ROUTES.user)
  return { user: data, errors }
}

/** POST /auth/change-pwd with `{newPassword, oldPassword}`. */
export async function changePassword(
  context: AuthContext,
  newPassword: string,
  oldPassword: string,
): Promise<ErrorsResult> {
  const body = { newPassword, oldPassword }
  return errorsOf(await context.fetcher.post(AUTH_ROUTES.changePassword, body))
}
