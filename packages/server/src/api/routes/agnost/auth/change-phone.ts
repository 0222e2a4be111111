import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { changePhone } from '../../../../core/auth/flows/account.js'
import { OBJECT_BODY, authRequest, bodyOf } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/change-phone `{currentPassword, newPhone}`: the user. */
export function agnostChangePhoneRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/change-phone`,
    { config: { session: 'required' }, schema: { body: OBJECT_BODY } },
    (request) => changePhone(ctx, bodyOf(request), authRequest(request)),
  )
}
