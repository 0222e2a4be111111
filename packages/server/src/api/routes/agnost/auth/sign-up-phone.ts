import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { signUpWithPhone } from '../../../../core/auth/flows/sign-up.js'
import { OBJECT_BODY, authRequest } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'
import { signUpInput } from './agnost-auth-input.js'

/** POST /agnost/auth/signup-phone `{phone, password, userData}`: `{user, session}`. */
export function agnostSignUpPhoneRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/signup-phone`,
    { config: { session: 'none' }, schema: { body: OBJECT_BODY } },
    (request) => signUpWithPhone(ctx, signUpInput(request), authRequest(request)),
  )
}
