import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signUpWithEmail } from '../../../core/auth/flows/sign-up.js'
import { OBJECT_BODY, authRequest, bodyOf } from './auth-request.js'

/** POST /auth/signup-email: sign-up with email and password. */
export function signUpEmailRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/signup-email`,
    { config: { module: 'auth', session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) => signUpWithEmail(ctx, bodyOf(request), authRequest(request)),
  )
}
