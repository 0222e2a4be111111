import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { verifyPhone } from '../../../../core/auth/flows/phone-flows.js'
import { authRequest, rawQuery } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/verify-phone?code=&phone=: `{user, session}` after sign-up, `{user}` after a change. */
export function agnostVerifyPhoneRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(`${AGNOST_PREFIX}/auth/verify-phone`, { config: { session: 'none' } }, (request) =>
    verifyPhone(
      ctx,
      { phone: rawQuery(request, 'phone'), code: rawQuery(request, 'code') },
      authRequest(request),
    ),
  )
}
