import { newObjectId } from '../../../tools/ids.js'
import type { AuthContext } from '../auth-context.js'
import { normalizeEmail, normalizePhone } from '../identifiers.js'
import { authLink, sendCodeSms, sendLinkMail } from '../messages.js'
import { issueCode } from '../phone-codes.js'
import { issueToken } from '../one-time-tokens.js'
import { throttle } from '../throttle.js'
import { readProfile } from '../user-data.js'
import { insertUser } from '../user-store.js'
import type { AuthGrant, AuthRequest } from '../user-types.js'
import { conflictOnDuplicate, grantSession, newPasswordHash } from './shared.js'

/** The body of the sign-up routes. */
export interface SignUpInput {
  email?: unknown
  phone?: unknown
  password?: unknown
  nameOrUserData?: unknown
}

/**
 * Signs up with email and password. With email confirmation on, a link is mailed and no
 * session is given until it is followed; otherwise the answer carries a session.
 */
export async function signUpWithEmail(
  ctx: AuthContext,
  input: SignUpInput,
  request: AuthRequest,
): Promise<AuthGrant> {
  const email = normalizeEmail(input.email)
  const passwordHash = await newPasswordHash(ctx, input.password)
  const profile = readProfile(input.nameOrUserData)
  await throttle(ctx, 'signUpByIp', request.ip)
  return ctx.db.transaction(async (tx) => {
    const stored = await insertUser(tx, {
      id: newObjectId(),
      email,
      passwordHash,
      ...profile,
    }).catch(conflictOnDuplicate)
    if (!ctx.config.emailConfirmation) return grantSession(ctx, tx, stored, request)
    const token = await issueToken(tx, 'verify-email', stored.user._id, ctx.config.linkTtlSeconds)
    await sendLinkMail(ctx, 'verify-email', email, authLink(ctx, 'verify-email', token))
    return { user: stored.user, session: null }
  })
}

/**
 * Signs up with phone and password. With phone confirmation on, a code is sent by SMS and no
 * session is given until `verify-phone`; otherwise the answer carries a session.
 */
export async function signUpWithPhone(
  ctx: AuthContext,
  input: SignUpInput,
  request: AuthRequest,
): Promise<AuthGrant> {
  const phone = normalizePhone(input.phone)
  const passwordHash = await newPasswordHash(ctx, input.password)
  const profile = readProfile(input.nameOrUserData)
  await throttle(ctx, 'signUpByIp', request.ip)
  return ctx.db.transaction(async (tx) => {
    const stored = await insertUser(tx, {
      id: newObjectId(),
      phone,
      passwordHash,
      ...profile,
    }).catch(conflictOnDuplicate)
    if (!ctx.config.phoneConfirmation) return grantSession(ctx, tx, stored, request)
    const code = await issueCode(
      tx,
      'verify-phone',
      phone,
      stored.user._id,
      ctx.config.codeTtlSeconds,
    )
    await sendCodeSms(ctx, phone, code)
    return { user: stored.user, session: null }
  })
}
