import { errorsOf, settleGrant, type AuthContext } from './auth-context.js'
import { AUTH_ROUTES } from './auth-routes.js'
import type {
  AuthGrant,
  AuthResult,
  ErrorsResult,
  NameOrUserData,
  UserResult,
} from './auth-types.js'
import type { User } from './types.js'

// Query values are URI-encoded (phone as in the published client; code, sent raw there, too).
// The parameter order of each query string is the published client's.

/** POST /auth/signup-phone; saves locally only when the answer carries a session. */
export async function signUpWithPhone(
  context: AuthContext,
  phone: string,
  password: string,
  nameOrUserData?: NameOrUserData,
): Promise<AuthResult> {
  const body = { phone, password, nameOrUserData }
  const result = await context.fetcher.post<AuthGrant>(AUTH_ROUTES.signUpPhone, body)
  return settleGrant(context, result, 'with-session')
}

/** POST /auth/signin-phone; saves the user and session locally. */
export async function signInWithPhone(
  context: AuthContext,
  phone: string,
  password: string,
): Promise<AuthResult> {
  const body = { phone, password }
  const result = await context.fetcher.post<AuthGrant>(AUTH_ROUTES.signInPhone, body)
  return settleGrant(context, result, 'always')
}

/** POST /auth/signin-code?code=&phone= (no body); saves the user and session locally. */
export async function signInWithCode(
  context: AuthContext,
  phone: string,
  code: string,
): Promise<AuthResult> {
  const query = { code, phone }
  const result = await context.fetcher.post<AuthGrant>(AUTH_ROUTES.signInCode, null, query)
  return settleGrant(context, result, 'always')
}

/** POST /auth/resend-code?phone=: sends the phone verification code again. */
export async function resendVerificationCode(
  context: AuthContext,
  phone: string,
): Promise<ErrorsResult> {
  return errorsOf(await context.fetcher.post(AUTH_ROUTES.resendCode, null, { phone }))
}

/** POST /auth/send-reset-code?phone=: sends a password reset code by SMS. */
export async function sendResetPwdCode(context: AuthContext, phone: string): Promise<ErrorsResult> {
  return errorsOf(await context.fetcher.post(AUTH_ROUTES.sendResetCode, null, { phone }))
}

/** POST /auth/send-code?phone=: sends a sign-in code by SMS. */
export async function sendSignInCode(context: AuthContext, phone: string): Promise<ErrorsResult> {
  return errorsOf(await context.fetcher.post(AUTH_ROUTES.sendSignInCode, null, { phone }))
}

/** POST /auth/reset-pwd-code?phone=&code= with `{newPassword}`. */
export async function resetPwdWithCode(
  context: AuthContext,
  phone: string,
  code: string,
  newPassword: string,
): Promise<ErrorsResult> {
  const route = AUTH_ROUTES.resetPasswordWithCode
  return errorsOf(await context.fetcher.post(route, { newPassword }, { phone, code }))
}

/** POST /auth/change-phone; the answer is the user. */
export async function changePhone(
  context: AuthContext,
  currentPassword: string,
  newPhone: string,
): Promise<UserResult> {
  const body = { currentPassword, newPhone }
  const { data, errors } = await context.fetcher.post<User>(AUTH_ROUTES.changePhone, body)
  return { user: data, errors }
}

/**
 * POST /auth/verify-phone?code=&phone= (no body). A sign-up verification answers a session,
 * saved locally; a phone change answers the user only, and `session` is then null.
 */
export async function verifyPhone(
  context: AuthContext,
  phone: string,
  code: string,
): Promise<AuthResult> {
  const query = { code, phone }
  const result = await context.fetcher.post<AuthGrant>(AUTH_ROUTES.verifyPhone, null, query)
  return settleGrant(context, result, 'with-session')
}
