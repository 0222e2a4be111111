import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { signInWithEmail } from '../../../../core/auth/flows/sign-in.js'
import { OBJECT_BODY, authRequest, bodyOf } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/signin-email `{email, password}`: `{user, session}`. */
export function agnostSignInEmailRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/signin-email`,
    { config: { session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) => signInWithEmail(ctx, bodyOf(request), authRequest(request)),
  )
}
