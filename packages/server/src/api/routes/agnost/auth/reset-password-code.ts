import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { resetPasswordWithCode } from '../../../../core/auth/flows/phone-flows.js'
import { OBJECT_BODY, authRequest, bodyOf, rawQuery } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/reset-pwd-code?phone=&code= `{newPassword}`: sets a password with an SMS code. */
export function agnostResetPasswordCodeRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/reset-pwd-code`,
    { config: { session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) =>
      resetPasswordWithCode(
        ctx,
        {
          newPassword: bodyOf(request).newPassword,
          phone: rawQuery(request, 'phone'),
          code: rawQuery(request, 'code'),
        },
        authRequest(request),
      ).then(() => ({})),
  )
}
