import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { changePassword } from '../../../../core/auth/flows/account.js'
import { OBJECT_BODY, authRequest, bodyOf } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/change-pwd `{newPassword, oldPassword}`. */
export function agnostChangePasswordRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/change-pwd`,
    { config: { session: 'required' }, schema: { body: OBJECT_BODY } },
    (request) => changePassword(ctx, bodyOf(request), authRequest(request)).then(() => ({})),
  )
}
