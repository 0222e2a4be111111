import { fail } from '../../../tools/errors.js'
import type { AuthContext } from '../auth-context.js'
import { normalizePhone } from '../identifiers.js'
import { sendCodeSms } from '../messages.js'
import { acceptCode, issueCode } from '../phone-codes.js'
import type { CodePurpose } from '../phone-codes.js'
import { throttle } from '../throttle.js'
import { findUserByPhone, updateUser } from '../user-store.js'
import type { AuthGrant, AuthRequest } from '../user-types.js'
import {
  announceSignIn,
  announceSignOuts,
  conflictOnDuplicate,
  grantSession,
  newPasswordHash,
  phoneAndCode,
  requestSession,
} from './shared.js'

/** Which code a "send" route asks for. */
export type CodeRequest = 'resend' | 'sign-in' | 'reset-pwd'

/**
 * Sends an SMS code: a new confirmation code (`resend`, for an unconfirmed number), a sign-in
 * code or a password reset code. The same answer whether or not an account exists.
 */
export async function sendPhoneCode(
  ctx: AuthContext,
  kind: CodeRequest,
  rawPhone: unknown,
  request: AuthRequest,
): Promise<void> {
  const phone = normalizePhone(rawPhone)
  await throttle(ctx, 'sendByIp', request.ip)
  await throttle(ctx, 'sendByAccount', phone)
  const stored = await findUserByPhone(ctx.db, phone)
  if (!stored) return
  if (kind === 'resend' && stored.user.phoneVerified) return
  const purpose: CodePurpose = kind === 'resend' ? 'verify-phone' : kind
  const code = await issueCode(ctx.db, purpose, phone, stored.user._id, ctx.config.codeTtlSeconds)
  await sendCodeSms(ctx, phone, code)
}

/** Sets a new password with a reset code; every session of the user ends. */
export async function resetPasswordWithCode(
  ctx: AuthContext,
  input: { phone?: unknown; code?: unknown; newPassword?: unknown },
  request: AuthRequest,
): Promise<void> {
  const passwordHash = await newPasswordHash(ctx, input.newPassword, 'newPassword')
  const { phone, code } = await phoneAndCode(ctx, input, request)
  // Outside the transaction: a wrong guess must stay counted when the request fails.
  const accepted = await acceptCode(ctx.db, 'reset-pwd', phone, code, ctx.config.codeMaxAttempts)
  const userId = accepted?.userId
  if (!userId) throw fail('invalid_code')
  const { updated, ended } = await ctx.db.transaction(async (tx) => {
    const updated = await updateUser(tx, userId, {
      password_hash: passwordHash,
      phone_verified: true,
    })
    const ended = await ctx.sessions.endAll(tx, userId)
    return { updated, ended }
  })
  ctx.events.emit(userId, 'user:pwdchange', null, updated?.user)
  announceSignOuts(ctx, userId, ended)
}

/**
 * Confirms a phone with a code: a sign-up confirmation answers a session; a phone change
 * (the code went to the new number) applies the change and answers the user alone.
 */
export async function verifyPhone(
  ctx: AuthContext,
  input: { phone?: unknown; code?: unknown },
  request: AuthRequest,
): Promise<AuthGrant> {
  const { phone, code } = await phoneAndCode(ctx, input, request)
  const max = ctx.config.codeMaxAttempts
  // Codes are checked outside the transaction: a wrong guess must stay counted.
  const signUp = await acceptCode(ctx.db, 'verify-phone', phone, code, max)
  const change = signUp ? undefined : await acceptCode(ctx.db, 'change-phone', phone, code, max)
  const userId = signUp?.userId ?? change?.userId
  if (!userId) throw fail('invalid_code')
  const grant = await ctx.db.transaction(async (tx) => {
    const changes = signUp ? { phone_verified: true } : { phone, phone_verified: true }
    const stored = await updateUser(tx, userId, changes).catch(conflictOnDuplicate)
    if (!stored) throw fail('invalid_code')
    return signUp ? grantSession(ctx, tx, stored, request) : { user: stored.user, session: null }
  })
  if (signUp) return announceSignIn(ctx, grant)
  ctx.events.emit(userId, 'user:phonechange', await requestSession(ctx, request), grant.user)
  return grant
}
