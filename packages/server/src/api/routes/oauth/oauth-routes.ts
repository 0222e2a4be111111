import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { OAuthProviders } from '../../../core/auth/oauth/oauth-providers.js'
import { oauthCallbackRoute } from './oauth-callback.js'
import { startOAuthRoute } from './start-oauth.js'

/**
 * Registers the OAuth routes, `/_auth/<provider>` and its callback, in their own scope: the
 * callback accepts the form POST some providers answer with (Apple), which no other route does.
 */
export function registerOAuthRoutes(app: FastifyInstance, ctx: AuthContext): void {
  const providers = new OAuthProviders(ctx.config.oauth)
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, new URLSearchParams(String(body))),
    )
    startOAuthRoute(scope, ctx, providers)
    oauthCallbackRoute(scope, ctx, providers)
  })
}
