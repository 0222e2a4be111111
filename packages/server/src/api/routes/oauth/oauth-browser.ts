import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { OAUTH_ACTION } from '../../../core/auth/oauth/oauth-types.js'
import { isBasaltError } from '../../../tools/errors.js'
import { cookieValue } from '../../request-context.js'

/** The cookie that binds a started sign-in to the browser that started it. */
const BINDING_COOKIE = 'basalt_oauth'

/** The browser's binding cookie, if it sent one. */
export function bindingOf(request: FastifyRequest): string | undefined {
  return cookieValue(request.headers.cookie, BINDING_COOKIE)
}

/**
 * Sets the binding cookie for the life of a sign-in. Over https it is `SameSite=None`: Apple
 * comes back with a cross-site form POST, which a `Lax` cookie would not be sent with.
 */
export function setBinding(reply: FastifyReply, ctx: AuthContext, binding: string): void {
  const secure = ctx.publicUrl().startsWith('https:')
  const site = secure ? 'SameSite=None; Secure' : 'SameSite=Lax'
  reply.header(
    'set-cookie',
    `${BINDING_COOKIE}=${binding}; Path=/_auth; Max-Age=600; HttpOnly; ${site}`,
  )
}

/**
 * A failed OAuth step: with `auth.redirectUrl`, the browser goes back to the app with
 * `error=<code>&action=oauth-signin` (unexpected failures are logged and sent as
 * internal_server_error); without one, the error is answered as JSON.
 */
export function failToApp(
  ctx: AuthContext,
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
) {
  const redirectUrl = ctx.config.redirectUrl
  if (!redirectUrl) throw error
  if (!isBasaltError(error)) request.log.error({ err: error }, 'oauth sign-in failed')
  else if (error.status >= 500) request.log.warn({ err: error, details: error.details }, 'oauth')
  const code = isBasaltError(error) ? error.code : 'internal_server_error'
  return reply.redirect(withQuery(redirectUrl, { error: code, action: OAUTH_ACTION }))
}

/** `base` with these query parameters set. */
export function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}
