import { fail } from '../../../tools/errors.js'
import { hashSecret, safeEqual } from '../../../tools/secrets.js'
import type { AuthContext } from '../auth-context.js'
import { GRANT_TTL_SECONDS, issueToken } from '../one-time-tokens.js'
import { throttle } from '../throttle.js'
import type { AuthRequest } from '../user-types.js'
import { exchangeCode } from './code-exchange.js'
import { userForProfile } from './oauth-accounts.js'
import type { OAuthProviders } from './oauth-providers.js'
import { takeState } from './oauth-states.js'
import type { PendingSignIn } from './oauth-states.js'
import { OAUTH_ACTION } from './oauth-types.js'
import type { OAuthOutcome } from './oauth-types.js'

/**
 * Finishes a sign-in at the callback: the state is used up (unknown, expired, for another
 * provider or from another browser: 400 oauth_invalid_state), a provider `error` is 400
 * oauth_denied, the code is exchanged, and the user found, linked or created. Answers a
 * one-time grant token for `getAuthGrant`.
 */
export async function finishOAuthSignIn(
  ctx: AuthContext,
  providers: OAuthProviders,
  name: string,
  input: { params: URLSearchParams; binding: string | undefined; request: AuthRequest },
): Promise<OAuthOutcome> {
  const spec = providers.spec(name)
  await throttle(ctx, 'verifyByIp', input.request.ip)
  const state = input.params.get('state') ?? ''
  const pending = await takeState(ctx.db, state)
  if (!pending || !isFromThisStart(pending, name, input.binding)) throw fail('oauth_invalid_state')
  const providerError = input.params.get('error')
  if (providerError !== null) {
    throw fail('oauth_denied', undefined, {
      provider: name,
      providerError: providerError.slice(0, 256),
      description: input.params.get('error_description')?.slice(0, 1024),
    })
  }
  const profile = await exchangeCode(providers, spec, pending, state, input.params)
  return ctx.db.transaction(async (tx) => {
    const stored = await userForProfile(tx, name, profile)
    const accessToken = await issueToken(tx, 'grant', stored.user._id, GRANT_TTL_SECONDS)
    return { action: OAUTH_ACTION, accessToken, redirectUrl: pending.appRedirectUrl }
  })
}

function isFromThisStart(pending: PendingSignIn, name: string, binding: string | undefined) {
  return pending.provider === name && safeEqual(hashSecret(binding ?? ''), pending.bindingHash)
}
