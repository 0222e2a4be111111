import {
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from 'openid-client'
import { AUTH_LINK_PREFIX } from '@basalt/protocol'
import { hashSecret, randomSecret } from '../../../tools/secrets.js'
import type { AuthContext } from '../auth-context.js'
import { throttle } from '../throttle.js'
import type { AuthRequest } from '../user-types.js'
import type { OAuthProviders } from './oauth-providers.js'
import { saveState } from './oauth-states.js'

/** How long a started sign-in may take at the provider. */
export const OAUTH_STATE_TTL_SECONDS = 10 * 60

/** Where to send the browser, and the binding to keep in its cookie. */
export interface StartedSignIn {
  url: string
  binding: string
}

const BINDING = /^[\w-]{43}$/

/**
 * Starts an authorization-code sign-in: a fresh state, PKCE verifier (S256) and, for OpenID
 * Connect, nonce are stored server-side, and the provider's authorization URL is answered.
 * `binding` is the browser's existing binding cookie, reused when well-formed.
 */
export async function startOAuthSignIn(
  ctx: AuthContext,
  providers: OAuthProviders,
  name: string,
  input: {
    request: AuthRequest
    binding: string | undefined
    /** Where the browser goes afterwards (already allow-listed); else `auth.redirectUrl`. */
    appRedirectUrl?: string | undefined
  },
): Promise<StartedSignIn> {
  const spec = providers.spec(name)
  await throttle(ctx, 'signInByIp', input.request.ip)
  const configuration = await providers.configuration(spec)
  const binding = input.binding && BINDING.test(input.binding) ? input.binding : randomSecret(32)
  const state = randomState()
  const codeVerifier = randomPKCECodeVerifier()
  const nonce = spec.kind === 'oidc' ? randomNonce() : null
  const redirectUri = oauthCallbackUrl(ctx, name)
  const pending = {
    provider: name,
    codeVerifier,
    nonce,
    redirectUri,
    bindingHash: hashSecret(binding),
    appRedirectUrl: input.appRedirectUrl,
  }
  await saveState(ctx.db, state, pending, OAUTH_STATE_TTL_SECONDS)
  const params: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: spec.scopes.join(' '),
    state,
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  }
  if (nonce) params.nonce = nonce
  if (spec.kind === 'oidc' && spec.responseMode) params.response_mode = spec.responseMode
  return { url: buildAuthorizationUrl(configuration, params).href, binding }
}

/** The callback URL to register at a provider: `<public URL>/_auth/<name>/callback`. */
export function oauthCallbackUrl(ctx: AuthContext, name: string): string {
  return `${ctx.publicUrl().replace(/\/+$/, '')}${AUTH_LINK_PREFIX}/${name}/callback`
}
