import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signInWithPhone } from '../../../core/auth/flows/sign-in.js'
import { OBJECT_BODY, authRequest, bodyOf } from './auth-request.js'

/** POST /auth/signin-phone: sign-in with phone and password. */
export function signInPhoneRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/signin-phone`,
    { config: { module: 'auth', session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) => signInWithPhone(ctx, bodyOf(request), authRequest(request)),
  )
}
