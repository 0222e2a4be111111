import { fail } from '../../../tools/errors.js'
import type { AuthContext } from '../auth-context.js'
import { normalizeEmail, requireText } from '../identifiers.js'
import { authLink, sendLinkMail } from '../messages.js'
import { consumeToken, issueToken, linkData } from '../one-time-tokens.js'
import { allowedRedirectUrl } from '../redirect-urls.js'
import { throttle } from '../throttle.js'
import { findUserByEmail, findUserById, updateUser } from '../user-store.js'
import type { AuthGrant, AuthRequest } from '../user-types.js'
import { announceSignIn, announceSignOuts, grantSession, newPasswordHash } from './shared.js'

/** Which mail a "send" route asks for. */
export type EmailRequest = 'resend' | 'magic-link' | 'reset-pwd'

/**
 * Mails a link: a new confirmation link (`resend`, for an unconfirmed account), a sign-in link
 * (`magic-link`) or a password reset link (`reset-pwd`). The answer is the same whether or not
 * an account exists, so the route reveals nothing. `redirectUrl` (allow-listed, else
 * redirect_not_allowed) is where the followed link sends the browser instead of the app's
 * `auth.redirectUrl`.
 */
export async function sendEmailLink(
  ctx: AuthContext,
  kind: EmailRequest,
  rawEmail: unknown,
  request: AuthRequest,
  redirectUrl?: unknown,
): Promise<void> {
  const redirect = allowedRedirectUrl(ctx.config, redirectUrl)
  const email = normalizeEmail(rawEmail)
  await throttle(ctx, 'sendByIp', request.ip)
  await throttle(ctx, 'sendByAccount', email)
  const stored = await findUserByEmail(ctx.db, email)
  if (!stored || !stored.user.email) return
  if (kind === 'resend' && stored.user.emailVerified) return
  const purpose = kind === 'resend' ? 'verify-email' : kind
  const ttl = ctx.config.linkTtlSeconds
  const token = await issueToken(ctx.db, purpose, stored.user._id, ttl, linkData(redirect))
  await sendLinkMail(ctx, purpose, stored.user.email, authLink(ctx, purpose, token))
}

/** Sets a new password with the token of a reset link; every session of the user ends. */
export async function resetPasswordWithToken(
  ctx: AuthContext,
  input: { key?: unknown; newPassword?: unknown },
  request: AuthRequest,
): Promise<void> {
  const key = requireText(input.key, 'key', 256)
  const passwordHash = await newPasswordHash(ctx, input.newPassword, 'newPassword')
  await throttle(ctx, 'verifyByIp', request.ip)
  const { userId, updated, ended } = await ctx.db.transaction(async (tx) => {
    const token = await consumeToken(tx, 'reset-pwd', key)
    if (!token) throw fail('invalid_token')
    // Following the mailed link proves the address too.
    const changes = { password_hash: passwordHash, email_verified: true }
    const updated = await updateUser(tx, token.userId, changes)
    const ended = await ctx.sessions.endAll(tx, token.userId)
    return { userId: token.userId, updated, ended }
  })
  ctx.events.emit(userId, 'user:pwdchange', null, updated?.user)
  announceSignOuts(ctx, userId, ended)
}

/** Exchanges a one-time access token (from a link or OAuth) for a session. */
export async function getAuthGrant(
  ctx: AuthContext,
  key: unknown,
  request: AuthRequest,
): Promise<AuthGrant> {
  const token = requireText(key, 'key', 256)
  await throttle(ctx, 'verifyByIp', request.ip)
  const grant = await ctx.db.transaction(async (tx) => {
    const used = await consumeToken(tx, 'grant', token)
    const stored = used && (await findUserById(tx, used.userId))
    if (!stored) throw fail('invalid_token')
    return grantSession(ctx, tx, stored, request)
  })
  return announceSignIn(ctx, grant)
}
