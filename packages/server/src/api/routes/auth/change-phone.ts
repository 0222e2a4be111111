import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { changePhone } from '../../../core/auth/flows/account.js'
import { OBJECT_BODY, authRequest, bodyOf } from './auth-request.js'

/** POST /auth/change-phone: changes the phone (confirmed by a code when confirmation is on). */
export function changePhoneRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/change-phone`,
    { config: { module: 'auth', session: 'required' }, schema: { body: OBJECT_BODY } },
    (request) => changePhone(ctx, bodyOf(request), authRequest(request)),
  )
}
