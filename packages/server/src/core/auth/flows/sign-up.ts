import type { Queryable } from '../../../adapters/database/database.js'
import { newObjectId } from '../../../tools/ids.js'
import type { AuthContext } from '../auth-context.js'
import { normalizeEmail, normalizePhone } from '../identifiers.js'
import { authLink, sendCodeSms, sendLinkMail } from '../messages.js'
import { issueCode } from '../phone-codes.js'
import { issueToken, linkData } from '../one-time-tokens.js'
import { allowedRedirectUrl } from '../redirect-urls.js'
import { throttle } from '../throttle.js'
import { readProfile } from '../user-data.js'
import { insertUser } from '../user-store.js'
import type { AuthGrant, AuthRequest } from '../user-types.js'
import { announceSignIn, conflictOnDuplicate, grantSession, newPasswordHash } from './shared.js'

/** The body of the sign-up routes. */
export interface SignUpInput {
  email?: unknown
  phone?: unknown
  password?: unknown
  nameOrUserData?: unknown
}

/** Sends the confirmation of a new account (inside its transaction). */
type Confirm = (tx: Queryable, userId: string) => Promise<void>

/**
 * Signs up with email and password. With email confirmation on, a link is mailed and no
 * session is given until it is followed; otherwise the answer carries a session. `redirectUrl`
 * (allow-listed, else redirect_not_allowed) is where that link sends the browser.
 */
export async function signUpWithEmail(
  ctx: AuthContext,
  input: SignUpInput,
  request: AuthRequest,
  redirectUrl?: unknown,
): Promise<AuthGrant> {
  const redirect = allowedRedirectUrl(ctx.config, redirectUrl)
  const email = normalizeEmail(input.email)
  const confirm: Confirm = async (tx, userId) => {
    const data = linkData(redirect)
    const token = await issueToken(tx, 'verify-email', userId, ctx.config.linkTtlSeconds, data)
    await sendLinkMail(ctx, 'verify-email', email, authLink(ctx, 'verify-email', token))
  }
  return signUp(ctx, { email }, input, request, ctx.config.emailConfirmation ? confirm : undefined)
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
  const confirm: Confirm = async (tx, userId) => {
    const code = await issueCode(tx, 'verify-phone', phone, userId, ctx.config.codeTtlSeconds)
    await sendCodeSms(ctx, phone, code)
  }
  return signUp(ctx, { phone }, input, request, ctx.config.phoneConfirmation ? confirm : undefined)
}

/**
 * Creates the account and, in the same transaction, either opens a session or sends the
 * confirmation: a failed send leaves no account behind.
 */
async function signUp(
  ctx: AuthContext,
  identity: { email: string } | { phone: string },
  input: SignUpInput,
  request: AuthRequest,
  confirm: Confirm | undefined,
): Promise<AuthGrant> {
  const passwordHash = await newPasswordHash(ctx, input.password)
  const profile = readProfile(input.nameOrUserData)
  await throttle(ctx, 'signUpByIp', request.ip)
  const grant = await ctx.db.transaction(async (tx) => {
    const stored = await insertUser(tx, {
      id: newObjectId(),
      ...identity,
      passwordHash,
      ...profile,
    }).catch(conflictOnDuplicate)
    if (!confirm) return grantSession(ctx, tx, stored, request)
    await confirm(tx, stored.user._id)
    return { user: stored.user, session: null }
  })
  return announceSignIn(ctx, grant)
}
