import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { resetPasswordWithCode } from '../../../core/auth/flows/phone-flows.js'
import { OBJECT_BODY, authRequest, bodyOf, rawQuery } from './auth-request.js'

/** POST /auth/reset-pwd-code?phone=&code=: sets a new password with a reset code. */
export function resetPasswordCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/reset-pwd-code`,
    { config: { module: 'auth', session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) =>
      resetPasswordWithCode(
        ctx,
        { ...bodyOf(request), phone: rawQuery(request, 'phone'), code: rawQuery(request, 'code') },
        authRequest(request),
      ).then(() => ({})),
  )
}
