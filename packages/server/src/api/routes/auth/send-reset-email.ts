import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { sendEmailLink } from '../../../core/auth/flows/email-links.js'
import { authRequest, rawQuery } from './auth-request.js'

/** POST /auth/send-reset?email=: mails a password reset link. */
export function sendResetEmailRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/send-reset`,
    { config: { module: 'auth', session: 'none' } },
    (request) =>
      sendEmailLink(ctx, 'reset-pwd', rawQuery(request, 'email'), authRequest(request)).then(
        () => ({}),
      ),
  )
}
