import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { verifyPhone } from '../../../core/auth/flows/phone-flows.js'
import { authRequest, rawQuery } from './auth-request.js'

/** POST /auth/verify-phone?code=&phone=: confirms a phone (sign-up or change) with a code. */
export function verifyPhoneRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/verify-phone`,
    { config: { module: 'auth', session: 'none' } },
    (request) =>
      verifyPhone(
        ctx,
        { phone: rawQuery(request, 'phone'), code: rawQuery(request, 'code') },
        authRequest(request),
      ),
  )
}
