import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { sendEmailLink } from '../../../../core/auth/flows/email-links.js'
import { OBJECT_BODY, authRequest, bodyOf } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'
import { redirectOf } from './agnost-auth-input.js'

/** POST /agnost/auth/send-magic `{email, redirectURL, baseURL}`: mails a sign-in link. */
export function agnostSendMagicLinkRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/send-magic`,
    { config: { session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) =>
      sendEmailLink(
        ctx,
        'magic-link',
        bodyOf(request).email,
        authRequest(request),
        redirectOf(request),
      ).then(() => ({})),
  )
}
