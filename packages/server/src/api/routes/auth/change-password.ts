import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { changePassword } from '../../../core/auth/flows/account.js'
import { OBJECT_BODY, authRequest, bodyOf } from './auth-request.js'

/** POST /auth/change-pwd: changes the password of the signed-in user. */
export function changePasswordRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/change-pwd`,
    { config: { module: 'auth', session: 'required' }, schema: { body: OBJECT_BODY } },
    (request) => changePassword(ctx, bodyOf(request), authRequest(request)).then(() => ({})),
  )
}
