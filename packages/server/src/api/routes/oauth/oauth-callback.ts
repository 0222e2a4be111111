import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AUTH_LINK_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { finishOAuthSignIn } from '../../../core/auth/oauth/finish-sign-in.js'
import type { OAuthProviders } from '../../../core/auth/oauth/oauth-providers.js'
import { authRequest } from '../auth/auth-request.js'
import { bindingOf, failToApp, withQuery } from './oauth-browser.js'

type CallbackRequest = FastifyRequest<{ Params: { provider: string } }>

/**
 * GET (and form POST) /_auth/<provider>/callback: where the provider sends the browser back.
 * The browser goes on to the app's `auth.redirectUrl` with `access_token` and
 * `action=oauth-signin` (or `error`); with no redirect URL the outcome is answered as JSON.
 */
export function oauthCallbackRoute(
  app: FastifyInstance,
  ctx: AuthContext,
  providers: OAuthProviders,
): void {
  const handler = async (request: CallbackRequest, reply: FastifyReply) => {
    const name = request.params.provider
    providers.spec(name)
    try {
      const outcome = await finishOAuthSignIn(ctx, providers, name, {
        params: callbackParams(request),
        binding: bindingOf(request),
        request: authRequest(request),
      })
      // The redirect the sign-in was started with (Agnost's `redirect`), else the app's.
      const redirectUrl = outcome.redirectUrl ?? ctx.config.redirectUrl
      if (!redirectUrl) return { action: outcome.action, accessToken: outcome.accessToken }
      return reply.redirect(
        withQuery(redirectUrl, { access_token: outcome.accessToken, action: outcome.action }),
      )
    } catch (error) {
      return failToApp(ctx, request, reply, error)
    }
  }
  const path = `${AUTH_LINK_PREFIX}/:provider/callback`
  app.get(path, handler)
  app.post(path, handler)
}

/** The authorization response: the query, or the form body of a `form_post` answer. */
function callbackParams(request: CallbackRequest): URLSearchParams {
  if (request.body instanceof URLSearchParams) return request.body
  return new URL(request.url, 'http://callback.invalid').searchParams
}
