import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { sendPhoneCode } from '../../../core/auth/flows/phone-flows.js'
import { authRequest, rawQuery } from './auth-request.js'

/** POST /auth/send-reset-code?phone=: sends a password reset code. */
export function sendResetCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/send-reset-code`,
    { config: { module: 'auth', session: 'none' } },
    (request) =>
      sendPhoneCode(ctx, 'reset-pwd', rawQuery(request, 'phone'), authRequest(request)).then(
        () => ({}),
      ),
  )
}
