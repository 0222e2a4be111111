import { AUTH_LINK_PREFIX, REST_PREFIX } from '@basalt/protocol'
import type { OAuthProvider } from './auth-types.js'

const AUTH = `${REST_PREFIX}/auth`

/** Paths of the auth routes, as the published client sends them. */
export const AUTH_ROUTES = {
  signUpEmail: `${AUTH}/signup-email`,
  signUpPhone: `${AUTH}/signup-phone`,
  signInEmail: `${AUTH}/signin-email`,
  signInPhone: `${AUTH}/signin-phone`,
  signInCode: `${AUTH}/signin-code`,
  signOut: `${AUTH}/signout`,
  signOutAll: `${AUTH}/signout-all`,
  signOutAllExcept: `${AUTH}/signout-all-except`,
  sessions: `${AUTH}/sessions`,
  user: `${AUTH}/user`,
  changePassword: `${AUTH}/change-pwd`,
  grant: `${AUTH}/grant`,
  resendEmail: `${AUTH}/resend`,
  resendCode: `${AUTH}/resend-code`,
  sendMagicLink: `${AUTH}/send-magic`,
  sendResetEmail: `${AUTH}/send-reset`,
  sendResetCode: `${AUTH}/send-reset-code`,
  sendSignInCode: `${AUTH}/send-code`,
  resetPasswordWithToken: `${AUTH}/reset-pwd`,
  resetPasswordWithCode: `${AUTH}/reset-pwd-code`,
  changeEmail: `${AUTH}/change-email`,
  changePhone: `${AUTH}/change-phone`,
  verifyPhone: `${AUTH}/verify-phone`,
} as const

/** The page that starts the OAuth flow of `provider`: `<base URL>/_auth/<provider>`. */
export function providerUrl(baseUrl: string, provider: OAuthProvider): string {
  return `${baseUrl}${AUTH_LINK_PREFIX}/${provider}`
}
