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

// Email values go in the query string URI-encoded; the published client sent them raw (a `+`
// then read as a space by most servers). A Basalt server decodes both forms.

/** POST /auth/signup-email; saves locally only when the answer carries a session. */
export async function signUpWithEmail(
  context: AuthContext,
  email: string,
  password: string,
  nameOrUserData?: NameOrUserData,
): Promise<AuthResult> {
  const body = { email, password, nameOrUserData }
  const result = await context.fetcher.post<AuthGrant>(AUTH_ROUTES.signUpEmail, body)
  return settleGrant(context, result, 'with-session')
}

/** POST /auth/signin-email; saves the user and session locally. */
export async function signInWithEmail(
  context: AuthContext,
  email: string,
  password: string,
): Promise<AuthResult> {
  const body = { email, password }
  const result = await context.fetcher.post<AuthGrant>(AUTH_ROUTES.signInEmail, body)
  return settleGrant(context, result, 'always')
}

/** POST /auth/resend?email=: sends the email verification link again. */
export async function resendVerificationEmail(
  context: AuthContext,
  email: string,
): Promise<ErrorsResult> {
  return errorsOf(await context.fetcher.post(AUTH_ROUTES.resendEmail, null, { email }))
}

/** POST /auth/send-magic?email=: sends a sign-in link. */
export async function sendMagicLinkEmail(
  context: AuthContext,
  email: string,
): Promise<ErrorsResult> {
  return errorsOf(await context.fetcher.post(AUTH_ROUTES.sendMagicLink, null, { email }))
}

/** POST /auth/send-reset?email=: sends a password reset link. */
export async function sendResetPwdEmail(
  context: AuthContext,
  email: string,
): Promise<ErrorsResult> {
  return errorsOf(await context.fetcher.post(AUTH_ROUTES.sendResetEmail, null, { email }))
}

/** POST /auth/change-email; the answer is the user (the change may await confirmation). */
export async function changeEmail(
  context: AuthContext,
  currentPassword: string,
  newEmail: string,
): Promise<UserResult> {
  const body = { currentPassword, newEmail }
  const { data, errors } = await context.fetcher.post<User>(AUTH_ROUTES.changeEmail, body)
  return { user: data, errors }
}
