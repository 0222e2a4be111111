import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { OAuthProviders } from '../../../../core/auth/oauth/oauth-providers.js'
import { startOAuthSignIn } from '../../../../core/auth/oauth/start-sign-in.js'
import { allowedRedirectUrl } from '../../../../core/auth/redirect-urls.js'
import { authRequest } from '../../auth/auth-request.js'
import { bindingOf, failToApp, setBinding } from '../../oauth/oauth-browser.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

interface StartQuery {
  redirect?: string
  base?: string
}

/**
 * GET /agnost/oauth/<provider>?redirect=&base=: the OAuth start of `/_auth/<provider>`. It is a
 * browser navigation, so it carries no API key; `redirect` must be allow-listed (400
 * redirect_not_allowed as JSON) and is where the browser goes after the sign-in; `base` is
 * ignored.
 */
export function agnostStartOAuthRoute(app: FastifyInstance, ctx: AuthContext): void {
  const providers = new OAuthProviders(ctx.config.oauth)
  app.get<{ Params: { provider: string }; Querystring: StartQuery }>(
    `${AGNOST_PREFIX}/oauth/:provider`,
    async (request, reply) => {
      const name = request.params.provider
      providers.spec(name)
      const appRedirectUrl = allowedRedirectUrl(ctx.config, request.query.redirect)
      try {
        const started = await startOAuthSignIn(ctx, providers, name, {
          request: authRequest(request),
          binding: bindingOf(request),
          appRedirectUrl,
        })
        setBinding(reply, ctx, started.binding)
        return reply.redirect(started.url)
      } catch (error) {
        return failToApp(ctx, request, reply, error)
      }
    },
  )
}
