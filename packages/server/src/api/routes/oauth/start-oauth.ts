import type { FastifyInstance } from 'fastify'
import { AUTH_LINK_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import type { OAuthProviders } from '../../../core/auth/oauth/oauth-providers.js'
import { startOAuthSignIn } from '../../../core/auth/oauth/start-sign-in.js'
import { authRequest } from '../auth/auth-request.js'
import { bindingOf, failToApp, setBinding } from './oauth-browser.js'

/**
 * GET /_auth/<provider>: where `signInWithProvider` sends the browser. Redirects to the
 * provider's authorization page; an unconfigured provider is a JSON 404.
 */
export function startOAuthRoute(
  app: FastifyInstance,
  ctx: AuthContext,
  providers: OAuthProviders,
): void {
  app.get<{ Params: { provider: string } }>(
    `${AUTH_LINK_PREFIX}/:provider`,
    async (request, reply) => {
      const name = request.params.provider
      providers.spec(name) // unknown names answer JSON even when a redirect URL is set
      try {
        const started = await startOAuthSignIn(ctx, providers, name, {
          request: authRequest(request),
          binding: bindingOf(request),
        })
        setBinding(reply, ctx, started.binding)
        return reply.redirect(started.url)
      } catch (error) {
        return failToApp(ctx, request, reply, error)
      }
    },
  )
}
