import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { signInWithPhone } from '../../../../core/auth/flows/sign-in.js'
import { OBJECT_BODY, authRequest, bodyOf } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/signin-phone `{phone, password}`: `{user, session}`. */
export function agnostSignInPhoneRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/signin-phone`,
    { config: { session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) => signInWithPhone(ctx, bodyOf(request), authRequest(request)),
  )
}
