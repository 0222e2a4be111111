import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { sendEmailLink } from '../../../core/auth/flows/email-links.js'
import { authRequest, rawQuery } from './auth-request.js'

/** POST /auth/send-magic?email=: mails a sign-in link. */
export function sendMagicLinkRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/send-magic`,
    { config: { module: 'auth', session: 'none' } },
    (request) =>
      sendEmailLink(ctx, 'magic-link', rawQuery(request, 'email'), authRequest(request)).then(
        () => ({}),
      ),
  )
}
