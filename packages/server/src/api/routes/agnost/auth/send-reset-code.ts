import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { sendPhoneCode } from '../../../../core/auth/flows/phone-flows.js'
import { authRequest, rawQuery } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/send-reset-code?phone=: sends a password reset code. */
export function agnostSendResetCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(`${AGNOST_PREFIX}/auth/send-reset-code`, { config: { session: 'none' } }, (request) =>
    sendPhoneCode(ctx, 'reset-pwd', rawQuery(request, 'phone'), authRequest(request)).then(
      () => ({}),
    ),
  )
}
