import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signUpWithPhone } from '../../../core/auth/flows/sign-up.js'
import { OBJECT_BODY, authRequest, bodyOf } from './auth-request.js'

/** POST /auth/signup-phone: sign-up with phone and password. */
export function signUpPhoneRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/signup-phone`,
    { config: { module: 'auth', session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) => signUpWithPhone(ctx, bodyOf(request), authRequest(request)),
  )
}
