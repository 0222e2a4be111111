import { authorizationCodeGrant, fetchProtectedResource, fetchUserInfo } from 'openid-client'
import type { Configuration } from 'openid-client'
import { fail, isBasaltError } from '../../../tools/errors.js'
import type { OAuthProviders } from './oauth-providers.js'
import type { PendingSignIn } from './oauth-states.js'
import type { JsonGetter, OAuthProfile, ProviderSpec } from './oauth-types.js'

/**
 * Trades the authorization code of a callback for tokens (with the PKCE verifier, and the
 * nonce for OpenID Connect) and reads the person's profile. Any failure on the provider's side
 * is a 502 oauth_exchange_failed that names the provider and the reason.
 */
export async function exchangeCode(
  providers: OAuthProviders,
  spec: ProviderSpec,
  pending: PendingSignIn,
  state: string,
  params: URLSearchParams,
): Promise<OAuthProfile> {
  const configuration = await providers.configuration(spec)
  // The URL the provider sent the browser to; its path, without the query, is the redirect_uri.
  const callbackUrl = new URL(pending.redirectUri)
  for (const [name, value] of params) callbackUrl.searchParams.append(name, value)
  try {
    const tokens = await authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce ?? undefined,
    })
    if (spec.kind === 'oauth2') {
      return await spec.profile(jsonGetter(configuration, tokens.access_token), spec.userInfoUrl)
    }
    const claims = await oidcClaims(configuration, tokens.claims(), tokens.access_token)
    return spec.profile(claims, params)
  } catch (error) {
    if (isBasaltError(error)) throw error
    throw fail('oauth_exchange_failed', undefined, {
      provider: spec.name,
      reason: error instanceof Error ? error.message : String(error),
    })
  }
}

/** The ID token's claims, completed from UserInfo when they lack the email or the name. */
async function oidcClaims(
  configuration: Configuration,
  idToken: Record<string, unknown> | undefined,
  accessToken: string,
): Promise<Record<string, unknown>> {
  if (!idToken || typeof idToken.sub !== 'string') {
    throw new Error('the token answer has no ID token')
  }
  const complete = idToken.email && idToken.name
  if (complete || !configuration.serverMetadata().userinfo_endpoint) return idToken
  const info = await fetchUserInfo(configuration, accessToken, idToken.sub)
  // The signed ID token wins where both speak.
  return { ...info, ...idToken }
}

function jsonGetter(configuration: Configuration, accessToken: string): JsonGetter {
  return async (url) => {
    const headers = new Headers({ accept: 'application/json' })
    const response = await fetchProtectedResource(
      configuration,
      accessToken,
      new URL(url),
      'GET',
      undefined,
      headers,
    )
    if (!response.ok) throw new Error(`${url} answered ${response.status}`)
    return response.json()
  }
}
