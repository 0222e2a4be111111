import type { FastifyInstance } from 'fastify'
import { AUTH_LINK_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { followLink } from '../../../core/auth/flows/link-visits.js'
import type { AuthLink } from '../../../core/auth/flows/link-visits.js'
import { isBasaltError } from '../../../tools/errors.js'
import { rawQuery } from '../auth/auth-request.js'

const LINKS: readonly AuthLink[] = ['verify-email', 'magic-link', 'reset-pwd', 'change-email']

/**
 * GET /_auth/<link>?token=: the target of the links Basalt mails. The browser is sent to the
 * redirect URL the link was sent with (Agnost clients name one), else the app's
 * `auth.redirectUrl`, with `access_token` and `action` (or `error`) in the query; with no
 * redirect URL at all, the outcome is answered as JSON.
 */
export function followLinkRoute(app: FastifyInstance, ctx: AuthContext): void {
  for (const link of LINKS) {
    app.get(`${AUTH_LINK_PREFIX}/${link}`, async (request, reply) => {
      const redirectUrl = ctx.config.redirectUrl
      try {
        const outcome = await followLink(ctx, link, rawQuery(request, 'token') ?? '')
        // The redirect the link was sent with (allow-listed then: Agnost's redirectURL), else
        // the app's.
        const target = outcome.redirectUrl ?? redirectUrl
        if (!target) return outcome
        return reply.redirect(
          withQuery(target, { access_token: outcome.accessToken, action: link }),
        )
      } catch (error) {
        if (!redirectUrl || !isBasaltError(error)) throw error
        return reply.redirect(withQuery(redirectUrl, { error: error.code, action: link }))
      }
    })
  }
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}
