import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { resetPasswordWithToken } from '../../../../core/auth/flows/email-links.js'
import { OBJECT_BODY, authRequest, bodyOf, rawQuery } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/reset-pwd?key= `{newPassword}`: sets a password with a reset token. */
export function agnostResetPasswordRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/reset-pwd`,
    { config: { session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) =>
      resetPasswordWithToken(
        ctx,
        { newPassword: bodyOf(request).newPassword, key: rawQuery(request, 'key') },
        authRequest(request),
      ).then(() => ({})),
  )
}
