import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { sendPhoneCode } from '../../../core/auth/flows/phone-flows.js'
import { authRequest, rawQuery } from './auth-request.js'

/** POST /auth/resend-code?phone=: sends a new confirmation code. */
export function resendCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/resend-code`,
    { config: { module: 'auth', session: 'none' } },
    (request) =>
      sendPhoneCode(ctx, 'resend', rawQuery(request, 'phone'), authRequest(request)).then(
        () => ({}),
      ),
  )
}
