import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { resetPasswordWithToken } from '../../../core/auth/flows/email-links.js'
import { OBJECT_BODY, authRequest, bodyOf, rawQuery } from './auth-request.js'

/** POST /auth/reset-pwd?key=: sets a new password with a reset link token. */
export function resetPasswordRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/reset-pwd`,
    { config: { module: 'auth', session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) =>
      resetPasswordWithToken(
        ctx,
        { ...bodyOf(request), key: rawQuery(request, 'key') },
        authRequest(request),
      ).then(() => ({})),
  )
}
