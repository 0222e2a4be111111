import { fail } from '../../../tools/errors.js'
import type { AuthContext } from '../auth-context.js'
import { normalizeEmail, normalizePhone } from '../identifiers.js'
import { authLink, sendCodeSms, sendLinkMail } from '../messages.js'
import { issueCode } from '../phone-codes.js'
import { issueToken, linkData } from '../one-time-tokens.js'
import { allowedRedirectUrl } from '../redirect-urls.js'
import { throttle } from '../throttle.js'
import { findUserByEmail, findUserByPhone, updateUser } from '../user-store.js'
import type { AuthRequest, User } from '../user-types.js'
import {
  announceSignOuts,
  conflictOnDuplicate,
  currentUser,
  newPasswordHash,
  requirePassword,
  requestSession,
} from './shared.js'

/** Changes the password; the other sessions of the user end, the current one stays. */
export async function changePassword(
  ctx: AuthContext,
  input: { newPassword?: unknown; oldPassword?: unknown },
  request: AuthRequest,
): Promise<void> {
  const stored = await currentUser(ctx, request)
  await throttle(ctx, 'signInByAccount', stored.user._id)
  await requirePassword(stored, input.oldPassword)
  const passwordHash = await newPasswordHash(ctx, input.newPassword, 'newPassword')
  const { updated, ended } = await ctx.db.transaction(async (tx) => {
    const updated = await updateUser(tx, stored.user._id, { password_hash: passwordHash })
    const ended = await ctx.sessions.endAll(tx, stored.user._id, request.session!.token)
    return { updated, ended }
  })
  const session = await requestSession(ctx, request)
  ctx.events.emit(stored.user._id, 'user:pwdchange', session, (updated ?? stored).user)
  announceSignOuts(ctx, stored.user._id, ended)
}

/**
 * Changes the email. With email confirmation on, a link goes to the new address and the user is
 * answered unchanged until it is followed; otherwise the change applies at once. `redirectUrl`
 * (allow-listed, else redirect_not_allowed) is where that link sends the browser.
 */
export async function changeEmail(
  ctx: AuthContext,
  input: { currentPassword?: unknown; newEmail?: unknown },
  request: AuthRequest,
  redirectUrl?: unknown,
): Promise<User> {
  const redirect = allowedRedirectUrl(ctx.config, redirectUrl)
  const stored = await currentUser(ctx, request)
  const newEmail = normalizeEmail(input.newEmail, 'newEmail')
  await throttle(ctx, 'signInByAccount', stored.user._id)
  await requirePassword(stored, input.currentPassword)
  if (await findUserByEmail(ctx.db, newEmail)) throw fail('email_already_exists')
  if (!ctx.config.emailConfirmation) {
    const updated = await updateUser(ctx.db, stored.user._id, { email: newEmail }).catch(
      conflictOnDuplicate,
    )
    const session = await requestSession(ctx, request)
    ctx.events.emit(stored.user._id, 'user:emailchange', session, updated!.user)
    return updated!.user
  }
  await throttle(ctx, 'sendByAccount', newEmail)
  const data = { newEmail, ...linkData(redirect) }
  const token = await issueToken(
    ctx.db,
    'change-email',
    stored.user._id,
    ctx.config.linkTtlSeconds,
    data,
  )
  await sendLinkMail(ctx, 'change-email', newEmail, authLink(ctx, 'change-email', token))
  return stored.user
}

/**
 * Changes the phone. With phone confirmation on, a code goes to the new number and the change
 * applies on `verify-phone`; otherwise at once.
 */
export async function changePhone(
  ctx: AuthContext,
  input: { currentPassword?: unknown; newPhone?: unknown },
  request: AuthRequest,
): Promise<User> {
  const stored = await currentUser(ctx, request)
  const newPhone = normalizePhone(input.newPhone, 'newPhone')
  await throttle(ctx, 'signInByAccount', stored.user._id)
  await requirePassword(stored, input.currentPassword)
  if (await findUserByPhone(ctx.db, newPhone)) throw fail('phone_already_exists')
  if (!ctx.config.phoneConfirmation) {
    const updated = await updateUser(ctx.db, stored.user._id, { phone: newPhone }).catch(
      conflictOnDuplicate,
    )
    const session = await requestSession(ctx, request)
    ctx.events.emit(stored.user._id, 'user:phonechange', session, updated!.user)
    return updated!.user
  }
  await throttle(ctx, 'sendByAccount', newPhone)
  const ttl = ctx.config.codeTtlSeconds
  const code = await issueCode(ctx.db, 'change-phone', newPhone, stored.user._id, ttl, { newPhone })
  await sendCodeSms(ctx, newPhone, code)
  return stored.user
}
