import type { Queryable } from '../../../adapters/database/database.js'
import { fail } from '../../../tools/errors.js'
import type { AuthContext } from '../auth-context.js'
import { normalizeEmail, normalizePhone, requireText } from '../identifiers.js'
import { acceptCode } from '../phone-codes.js'
import { checkPassword } from '../passwords.js'
import { throttle } from '../throttle.js'
import { findUserByEmail, findUserByPhone, updateUser } from '../user-store.js'
import type { StoredUser } from '../user-store.js'
import type { AuthGrant, AuthRequest } from '../user-types.js'
import { announceSignIn, grantSession, phoneAndCode } from './shared.js'

/** Signs in with email and password. */
export async function signInWithEmail(
  ctx: AuthContext,
  input: { email?: unknown; password?: unknown },
  request: AuthRequest,
): Promise<AuthGrant> {
  const email = normalizeEmail(input.email)
  return signInWithPassword(ctx, request, email, input.password, {
    find: findUserByEmail,
    mustBeVerified: ctx.config.emailConfirmation,
    isVerified: (stored) => stored.user.emailVerified,
    unverified: 'email_not_verified',
  })
}

/** Signs in with phone and password. */
export async function signInWithPhone(
  ctx: AuthContext,
  input: { phone?: unknown; password?: unknown },
  request: AuthRequest,
): Promise<AuthGrant> {
  const phone = normalizePhone(input.phone)
  return signInWithPassword(ctx, request, phone, input.password, {
    find: findUserByPhone,
    mustBeVerified: ctx.config.phoneConfirmation,
    isVerified: (stored) => stored.user.phoneVerified,
    unverified: 'phone_not_verified',
  })
}

/** How a password sign-in finds the account and checks its confirmation. */
interface PasswordAccount {
  find: (db: Queryable, identifier: string) => Promise<StoredUser | undefined>
  mustBeVerified: boolean
  isVerified: (stored: StoredUser) => boolean
  unverified: 'email_not_verified' | 'phone_not_verified'
}

async function signInWithPassword(
  ctx: AuthContext,
  request: AuthRequest,
  identifier: string,
  rawPassword: unknown,
  account: PasswordAccount,
): Promise<AuthGrant> {
  const password = requireText(rawPassword, 'password')
  await throttle(ctx, 'signInByIp', request.ip)
  await throttle(ctx, 'signInByAccount', identifier)
  const stored = await account.find(ctx.db, identifier)
  const ok = await checkPassword(stored?.passwordHash ?? null, password)
  // Same answer, and about the same time, for an unknown account and a wrong password.
  if (!stored || !ok) throw fail('invalid_credentials')
  if (account.mustBeVerified && !account.isVerified(stored)) throw fail(account.unverified)
  return announceSignIn(
    ctx,
    await ctx.db.transaction((tx) => grantSession(ctx, tx, stored, request)),
  )
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
  const grant = await ctx.db.transaction(async (tx) => {
    const stored = accepted?.userId
      ? await updateUser(tx, accepted.userId, { phone_verified: true })
      : undefined
    if (!stored || stored.user.phone !== phone) throw fail('invalid_code')
    return grantSession(ctx, tx, stored, request)
  })
  return announceSignIn(ctx, grant)
}
