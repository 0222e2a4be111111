import type { Queryable } from '../../../adapters/database/database.js'
import { fail } from '../../../tools/errors.js'
import { hashSecret } from '../../../tools/secrets.js'
import type { AuthContext } from '../auth-context.js'
import { normalizePhone, requireText } from '../identifiers.js'
import { checkPassword, hashPassword } from '../passwords.js'
import { throttle } from '../throttle.js'
import { findUserById, updateUser } from '../user-store.js'
import type { StoredUser } from '../user-store.js'
import type { AuthGrant, AuthRequest, Session } from '../user-types.js'

/** A new password of the configured minimum length, hashed; or a validation error. */
export async function newPasswordHash(
  ctx: AuthContext,
  password: unknown,
  field = 'password',
): Promise<string> {
  const min = ctx.config.passwordMinLength
  if (typeof password !== 'string' || password.length < min) {
    throw fail('validation_error', `'${field}' must have at least ${min} characters.`, {
      field,
      rule: 'minLength',
      min,
    })
  }
  if (password.length > 1024) {
    throw fail('validation_error', `'${field}' is longer than 1024 characters.`, { field })
  }
  return hashPassword(password)
}

/** Opens a session for a user: the auth grant that sign-in answers. */
export async function grantSession(
  ctx: AuthContext,
  tx: Queryable,
  stored: StoredUser,
  request: AuthRequest,
): Promise<AuthGrant> {
  const session = await ctx.sessions.create(tx, stored.user._id, request.userAgent)
  const updated = await updateUser(tx, stored.user._id, { last_login_at: new Date() })
  return { user: (updated ?? stored).user, session }
}

/**
 * Announces `user:signin` for a grant that carries a session; call once its transaction has
 * committed. Answers the grant.
 */
export function announceSignIn(ctx: AuthContext, grant: AuthGrant): AuthGrant {
  if (grant.session) {
    const listed = { ...grant.session, token: hashSecret(grant.session.token) }
    ctx.events.emit(grant.user._id, 'user:signin', listed, grant.user)
  }
  return grant
}

/** Announces one `user:signout` per ended session; call once the end has committed. */
export function announceSignOuts(ctx: AuthContext, userId: string, ended: Session[]): void {
  for (const session of ended) ctx.events.emit(userId, 'user:signout', session)
}

/** The request's session in its listed shape, for the events it causes; null without one. */
export async function requestSession(
  ctx: AuthContext,
  request: AuthRequest,
): Promise<Session | null> {
  if (!request.session) return null
  return (await ctx.sessions.listed(ctx.db, request.session.token)) ?? null
}

/** The signed-in user of a request, with the password hash. */
export async function currentUser(ctx: AuthContext, request: AuthRequest): Promise<StoredUser> {
  if (!request.session) throw fail('missing_session_token')
  const stored = await findUserById(ctx.db, request.session.userId)
  if (!stored) throw fail('user_not_found')
  return stored
}

/** Throws invalid_credentials unless `password` is the user's. */
export async function requirePassword(stored: StoredUser, password: unknown): Promise<void> {
  const ok = typeof password === 'string' && (await checkPassword(stored.passwordHash, password))
  if (!ok) throw fail('invalid_credentials')
}

/** Rethrows a unique violation on email or phone as the catalog's conflict. */
export function conflictOnDuplicate(error: unknown): never {
  const pg = error as { code?: string; constraint?: string }
  if (pg.code === '23505' && pg.constraint === 'users_email') throw fail('email_already_exists')
  if (pg.code === '23505' && pg.constraint === 'users_phone') throw fail('phone_already_exists')
  throw error
}

/** The phone and code of a code-checking route, once the try is counted against the address. */
export async function phoneAndCode(
  ctx: AuthContext,
  input: { phone?: unknown; code?: unknown },
  request: AuthRequest,
): Promise<{ phone: string; code: string }> {
  const phone = normalizePhone(input.phone)
  const code = requireText(input.code, 'code', 16)
  await throttle(ctx, 'verifyByIp', request.ip)
  return { phone, code }
}
