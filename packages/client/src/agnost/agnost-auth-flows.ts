import { errorsOf, settleGrant, type AuthContext } from '../auth-context.js'
import type {
  AuthGrant,
  AuthResult,
  ErrorsResult,
  OAuthProvider,
  UserResult,
} from '../auth-types.js'
import type { User } from '../types.js'
import { AGNOST_AUTH_ROUTES, agnostProviderUrl } from './agnost-routes.js'

// The auth flows whose Agnost request differs from Altogic's: emailed links carry the app's
// `redirectURL` and the client's own base URL (`baseURL`) in a JSON body, and sign-up extra
// fields are `userData`. Keys left undefined are not sent (JSON drops them), as in Agnost.

/** Extra fields stored on the user at sign-up (`name`, ...). */
export type UserData = Record<string, unknown>

/** POST /agnost/auth/signup-email; saves locally only when the answer carries a session. */
export async function signUpWithEmail(
  context: AuthContext,
  email: string,
  password: string,
  redirectURL?: string,
  userData?: UserData,
): Promise<AuthResult> {
  const baseURL = context.fetcher.getBaseUrl()
  const body = { email, password, redirectURL, baseURL, userData }
  const result = await context.fetcher.post<AuthGrant>(AGNOST_AUTH_ROUTES.signUpEmail, body)
  return settleGrant(context, result, 'with-session')
}

/** POST /agnost/auth/signup-phone; saves locally only when the answer carries a session. */
export async function signUpWithPhone(
  context: AuthContext,
  phone: string,
  password: string,
  userData?: UserData,
): Promise<AuthResult> {
  const body = { phone, password, userData }
  const result = await context.fetcher.post<AuthGrant>(AGNOST_AUTH_ROUTES.signUpPhone, body)
  return settleGrant(context, result, 'with-session')
}

/** POSTs `{email, redirectURL, baseURL}` to one of the emailed-link routes. */
async function sendEmailLink(
  context: AuthContext,
  route: string,
  email: string,
  redirectURL: string,
): Promise<ErrorsResult> {
  const body = { email, redirectURL, baseURL: context.fetcher.getBaseUrl() }
  return errorsOf(await context.fetcher.post(route, body))
}

/** POST /agnost/auth/resend: sends the email verification link again. */
export function resendVerificationEmail(
  context: AuthContext,
  email: string,
  redirectURL: string,
): Promise<ErrorsResult> {
  return sendEmailLink(context, AGNOST_AUTH_ROUTES.resendEmail, email, redirectURL)
}

/** POST /agnost/auth/send-magic: sends a sign-in link. */
export function sendMagicLinkEmail(
  context: AuthContext,
  email: string,
  redirectURL: string,
): Promise<ErrorsResult> {
  return sendEmailLink(context, AGNOST_AUTH_ROUTES.sendMagicLink, email, redirectURL)
}

/** POST /agnost/auth/send-reset: sends a password reset link. */
export function sendResetPwdEmail(
  context: AuthContext,
  email: string,
  redirectURL: string,
): Promise<ErrorsResult> {
  return sendEmailLink(context, AGNOST_AUTH_ROUTES.sendResetEmail, email, redirectURL)
}

/** POST /agnost/auth/change-email; the answer is the user (the change may await confirmation). */
export async function changeEmail(
  context: AuthContext,
  currentPassword: string,
  newEmail: string,
  redirectURL?: string,
): Promise<UserResult> {
  const body = { currentPassword, newEmail, redirectURL, baseURL: context.fetcher.getBaseUrl() }
  const { data, errors } = await context.fetcher.post<User>(AGNOST_AUTH_ROUTES.changeEmail, body)
  return { user: data, errors }
}

/** Sends a browser to the Agnost OAuth page of `provider`; does nothing without `window`. */
export function signInWithProvider(
  context: AuthContext,
  provider: OAuthProvider,
  redirectURL: string,
): void {
  if (!globalThis.window) return
  const url = agnostProviderUrl(context.fetcher.getBaseUrl(), provider, redirectURL)
  globalThis.window.location.href = url
}
