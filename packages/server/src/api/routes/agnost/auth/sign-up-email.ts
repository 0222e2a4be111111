import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { signUpWithEmail } from '../../../../core/auth/flows/sign-up.js'
import { OBJECT_BODY, authRequest } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'
import { redirectOf, signUpInput } from './agnost-auth-input.js'

/** POST /agnost/auth/signup-email `{email, password, redirectURL, baseURL, userData}`: `{user, session}`. */
export function agnostSignUpEmailRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/signup-email`,
    { config: { session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) =>
      signUpWithEmail(ctx, signUpInput(request), authRequest(request), redirectOf(request)),
  )
}
