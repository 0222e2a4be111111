import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { sendEmailLink } from '../../../core/auth/flows/email-links.js'
import { authRequest, rawQuery } from './auth-request.js'

/** POST /auth/resend?email=: mails a new confirmation link. */
export function resendEmailRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/resend`,
    { config: { module: 'auth', session: 'none' } },
    (request) =>
      sendEmailLink(ctx, 'resend', rawQuery(request, 'email'), authRequest(request)).then(
        () => ({}),
      ),
  )
}
