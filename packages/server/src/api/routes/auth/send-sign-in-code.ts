import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { sendPhoneCode } from '../../../core/auth/flows/phone-flows.js'
import { authRequest, rawQuery } from './auth-request.js'

/** POST /auth/send-code?phone=: sends a sign-in code. */
export function sendSignInCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/send-code`,
    { config: { module: 'auth', session: 'none' } },
    (request) =>
      sendPhoneCode(ctx, 'sign-in', rawQuery(request, 'phone'), authRequest(request)).then(
        () => ({}),
      ),
  )
}
