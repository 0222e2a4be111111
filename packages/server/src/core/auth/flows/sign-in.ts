import { fail } from '../../../tools/errors.js'
import type { AuthContext } from '../auth-context.js'
import { normalizeEmail, normalizePhone, requireText } from '../identifiers.js'
import { acceptCode } from '../phone-codes.js'
import { checkPassword } from '../passwords.js'
import { throttle } from '../throttle.js'
import { findUserByEmail, findUserByPhone, updateUser } from '../user-store.js'
import type { StoredUser } from '../user-store.js'
import type { AuthGrant, AuthRequest } from '../user-types.js'
import { grantSession, phoneAndCode } from './shared.js'

/** Signs in with email and password. */
export async function signInWithEmail(
  ctx: AuthContext,
  input: { email?: unknown; password?: unknown },
  request: AuthRequest,
): Promise<AuthGrant> {
  const email = normalizeEmail(input.email)
  const password = requireText(input.password, 'password')
  await throttle(ctx, 'signInByIp', request.ip)
  await throttle(ctx, 'signInByAccount', email)
  const stored = await findUserByEmail(ctx.db, email)
  await passwordOrFail(stored, password)
  if (ctx.config.emailConfirmation && !stored!.user.emailVerified) throw fail('email_not_verified')
  return ctx.db.transaction((tx) => grantSession(ctx, tx, stored!, request))
}

/** Signs in with phone and password. */
export async function signInWithPhone(
  ctx: AuthContext,
  input: { phone?: unknown; password?: unknown },
  request: AuthRequest,
): Promise<AuthGrant> {
  const phone = normalizePhone(input.phone)
  const password = requireText(input.password, 'password')
  await throttle(ctx, 'signInByIp', request.ip)
  await throttle(ctx, 'signInByAccount', phone)
  const stored = await findUserByPhone(ctx.db, phone)
  await passwordOrFail(stored, password)
  if (ctx.config.phoneConfirmation && !stored!.user.phoneVerified) throw fail('phone_not_verified')
  return ctx.db.transaction((tx) => grantSession(ctx, tx, stored!, request))
}

/** Signs in with an SMS code sent by `send-code`; the code also confirms the number. */
export async function signInWithCode(
  ctx: AuthContext,
  input: { phone?: unknown; code?: unknown },
  request: AuthRequest,
): Promise<AuthGrant> {
  const { phone, code } = await phoneAndCode(ctx, input, request)
  // Outside the transaction: a wrong guess must stay counted when the request fails.
  const accepted = await acceptCode(ctx.db, 'sign-in', phone, code, ctx.config.codeMaxAttempts)
  return ctx.db.transaction(async (tx) => {
    const stored = accepted?.userId
      ? await updateUser(tx, accepted.userId, { phone_verified: true })
      : undefined
    if (!stored || stored.user.phone !== phone) throw fail('invalid_code')
    return grantSession(ctx, tx, stored, request)
  })
}

/** Same answer and similar time for an unknown account and a wrong password. */
async function passwordOrFail(stored: StoredUser | undefined, password: string): Promise<void> {
  const ok = await checkPassword(stored?.passwordHash ?? null, password)
  if (!stored || !ok) throw fail('invalid_credentials')
}
