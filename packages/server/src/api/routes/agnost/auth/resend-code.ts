import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { sendPhoneCode } from '../../../../core/auth/flows/phone-flows.js'
import { authRequest, rawQuery } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/resend-code?phone=: sends a new phone confirmation code. */
export function agnostResendCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(`${AGNOST_PREFIX}/auth/resend-code`, { config: { session: 'none' } }, (request) =>
    sendPhoneCode(ctx, 'resend', rawQuery(request, 'phone'), authRequest(request)).then(() => ({})),
  )
}
