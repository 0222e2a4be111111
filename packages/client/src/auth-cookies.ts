import { CLIENT_ERROR_CATALOG } from '@basalt/protocol'
import type { CookieRequest, CookieResponse, UserResult } from './auth-types.js'
import { appendSetCookie, parseCookies, serializeCookie } from './cookie-codec.js'
import type { Session } from './types.js'

// Session cookies for server-side rendering: on a server (no `window`) they go through the
// request and response objects; in a browser through document.cookie.

/** Name of the cookie that carries the session token. */
export const SESSION_COOKIE = 'session_token'
const ONE_YEAR_IN_SECONDS = 60 * 60 * 24 * 365

/** What `getUserFromDBbyCookie` needs from the auth manager. */
export interface CookieSessionTarget {
  setSession(session: Session): void
  getUserFromDB(): Promise<UserResult>
}

/** Whether the code runs outside a browser. */
function onServer(): boolean {
  return globalThis.window === undefined
}

/** Sets the session cookie: appended to `res`'s Set-Cookie on a server, else document.cookie. */
function writeSessionCookie(value: string, maxAge: number, res?: CookieResponse | null): void {
  if (onServer()) {
    if (!res) return
    const cookie = serializeCookie(SESSION_COOKIE, value, { maxAge, httpOnly: true })
    res.setHeader('Set-Cookie', appendSetCookie(res.getHeader('Set-Cookie'), cookie))
  } else if (globalThis.document) {
    // HttpOnly would make the browser reject a cookie written by a script
    const cookie = serializeCookie(SESSION_COOKIE, value, { maxAge, httpOnly: false })
    globalThis.document.cookie = cookie
  }
}

/** Sets the `session_token` cookie for a year. */
export function setSessionCookie(sessionToken: string, res?: CookieResponse | null): void {
  writeSessionCookie(sessionToken ?? '', ONE_YEAR_IN_SECONDS, res)
}

/** Expires the `session_token` cookie. */
export function removeSessionCookie(res?: CookieResponse | null): void {
  writeSessionCookie('', -1, res)
}

/** The `session_token` cookie: from `req` (Cookie header, then `req.cookies`) or document.cookie. */
export function readSessionToken(req?: CookieRequest | null): string | null {
  let token: string | undefined
  if (onServer()) {
    token = parseCookies(req?.headers?.cookie)[SESSION_COOKIE] ?? req?.cookies?.[SESSION_COOKIE]
  } else if (globalThis.document) {
    token = parseCookies(globalThis.document.cookie)[SESSION_COOKIE]
  }
  // the published client reads these texts as null/undefined, so as no cookie
  return token && token !== 'null' && token !== 'undefined' ? token : null
}

/** The error returned when no `session_token` cookie is found (status 400, as published). */
export function sessionTokenNotFound(): UserResult {
  const item = {
    origin: 'session_token_error',
    code: 'session_token_not_found',
    message: CLIENT_ERROR_CATALOG.session_token_not_found.message,
  }
  return { user: null, errors: { status: 400, statusText: 'Bad Request', items: [item] } }
}

/**
 * Uses the `session_token` cookie as the session (stored as `{token}`), then GET /auth/user; the
 * cookie is removed when that fails.
 */
export async function getUserFromDBbyCookie(
  target: CookieSessionTarget,
  req?: CookieRequest | null,
  res?: CookieResponse | null,
): Promise<UserResult> {
  const token = readSessionToken(req)
  if (!token) return sessionTokenNotFound()
  target.setSession({ token } as Session) // only the token is known; the published client did so
  const { user, errors } = await target.getUserFromDB()
  if (errors) removeSessionCookie(res)
  return { user, errors }
}
