import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { sendPhoneCode } from '../../../../core/auth/flows/phone-flows.js'
import { authRequest, rawQuery } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/send-code?phone=: sends a sign-in code. */
export function agnostSendSignInCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(`${AGNOST_PREFIX}/auth/send-code`, { config: { session: 'none' } }, (request) =>
    sendPhoneCode(ctx, 'sign-in', rawQuery(request, 'phone'), authRequest(request)).then(
      () => ({}),
    ),
  )
}
