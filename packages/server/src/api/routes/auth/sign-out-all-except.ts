import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signOutAllExceptCurrent } from '../../../core/auth/flows/sessions.js'
import { authRequest } from './auth-request.js'

/** POST /auth/signout-all-except: signs out every other session of the user. */
export function signOutAllExceptRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/signout-all-except`,
    { config: { module: 'auth', session: 'required' } },
    (request) => signOutAllExceptCurrent(ctx, authRequest(request)).then(() => ({})),
  )
}
