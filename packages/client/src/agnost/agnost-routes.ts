import { REST_PREFIX } from '@basalt/protocol'
import type { OAuthProvider } from '../auth-types.js'

/** The prefix of every route of the Agnost wire protocol (`@agnost/client` 1.2.7). */
export const AGNOST_PREFIX = '/agnost'

const AUTH = `${AGNOST_PREFIX}/auth`

/** The auth routes whose Agnost request differs from Altogic's beyond the prefix. */
export const AGNOST_AUTH_ROUTES = {
  signUpEmail: `${AUTH}/signup-email`,
  signUpPhone: `${AUTH}/signup-phone`,
  resendEmail: `${AUTH}/resend`,
  sendMagicLink: `${AUTH}/send-magic`,
  sendResetEmail: `${AUTH}/send-reset`,
  changeEmail: `${AUTH}/change-email`,
} as const

/**
 * The Agnost path of a path built by the shared Altogic flows: `/_api/rest/v1/x` becomes
 * `/agnost/x`; any other path (an app endpoint, an Agnost route) is left as it is.
 */
export function toAgnostPath(path: string): string {
  const trimmed = path.trim()
  if (trimmed === REST_PREFIX || trimmed.startsWith(`${REST_PREFIX}/`)) {
    return AGNOST_PREFIX + trimmed.slice(REST_PREFIX.length)
  }
  return path
}

/** The OAuth page of `provider`: `/agnost/oauth/<provider>?redirect=<enc>&base=<enc base URL>`. */
export function agnostProviderUrl(
  baseUrl: string,
  provider: OAuthProvider,
  redirectURL: string,
): string {
  const query = `redirect=${encodeURIComponent(redirectURL)}&base=${encodeURIComponent(baseUrl)}`
  return `${baseUrl}${AGNOST_PREFIX}/oauth/${provider}?${query}`
}

/** The upload route of a bucket of a named storage; both names are URI-encoded. */
export function agnostUploadPath(storage: string, bucket: string): string {
  const names = `${encodeURIComponent(storage)}/bucket/${encodeURIComponent(bucket)}`
  return `${AGNOST_PREFIX}/storage/${names}/upload-formdata`
}
