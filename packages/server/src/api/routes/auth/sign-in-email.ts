import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signInWithEmail } from '../../../core/auth/flows/sign-in.js'
import { OBJECT_BODY, authRequest, bodyOf } from './auth-request.js'

/** POST /auth/signin-email: sign-in with email and password. */
export function signInEmailRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/signin-email`,
    { config: { module: 'auth', session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) => signInWithEmail(ctx, bodyOf(request), authRequest(request)),
  )
}
