import { errorsOf, settleGrant, type AuthContext } from './auth-context.js'
import { AUTH_ROUTES, providerUrl } from './auth-routes.js'
import type { AuthGrant, AuthResult, ErrorsResult, OAuthProvider } from './auth-types.js'

// Flows that go through a browser link: OAuth, and the access tokens that email links, magic
// links and OAuth callbacks put in the app's redirect URL.

const ACCESS_TOKEN_PATTERN = /[?&#]access_token(=([^&#]*)|&|#|$)/

/**
 * The `access_token` parameter of a URL (after `?`, `&` or `#`), `+` read as a space and
 * URI-decoded; null when absent or empty. A malformed `%` sequence is kept as it is.
 */
export function accessTokenFromUrl(href: string): string | null {
  const value = ACCESS_TOKEN_PATTERN.exec(href)?.[2]
  if (!value) return null
  const spaced = value.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}

/** The access token of the current page's URL in a browser, else null. */
function accessTokenFromLocation(): string | null {
  const href = globalThis.window?.location?.href
  return typeof href === 'string' ? accessTokenFromUrl(href) : null
}

/** Sends a browser to the OAuth page of `provider`; does nothing without `window`. */
export function signInWithProvider(context: AuthContext, provider: OAuthProvider): void {
  if (!globalThis.window) return
  globalThis.window.location.href = providerUrl(context.fetcher.getBaseUrl(), provider)
}

/**
 * GET /auth/grant?key=: trades an access token (the argument, else `access_token` of the page
 * URL, else '') for a user and session, saved locally.
 */
export async function getAuthGrant(
  context: AuthContext,
  accessToken?: string,
): Promise<AuthResult> {
  const key = accessToken || accessTokenFromLocation() || ''
  const result = await context.fetcher.get<AuthGrant>(AUTH_ROUTES.grant, { key })
  return settleGrant(context, result, 'always')
}

/** POST /auth/reset-pwd?key= with `{newPassword}`: resets the password with a link's token. */
export async function resetPwdWithToken(
  context: AuthContext,
  accessToken: string,
  newPassword: string,
): Promise<ErrorsResult> {
  const route = AUTH_ROUTES.resetPasswordWithToken
  return errorsOf(await context.fetcher.post(route, { newPassword }, { key: accessToken }))
}
