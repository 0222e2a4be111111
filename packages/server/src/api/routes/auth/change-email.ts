import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { changeEmail } from '../../../core/auth/flows/account.js'
import { OBJECT_BODY, authRequest, bodyOf } from './auth-request.js'

/** POST /auth/change-email: changes the email (confirmed by a link when confirmation is on). */
export function changeEmailRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/change-email`,
    { config: { module: 'auth', session: 'required' }, schema: { body: OBJECT_BODY } },
    (request) => changeEmail(ctx, bodyOf(request), authRequest(request)),
  )
}
