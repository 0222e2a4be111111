import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signOutAll } from '../../../core/auth/flows/sessions.js'
import { authRequest } from './auth-request.js'

/** POST /auth/signout-all: signs out every session of the user. */
export function signOutAllRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/signout-all`,
    { config: { module: 'auth', session: 'required' } },
    (request) => signOutAll(ctx, authRequest(request)).then(() => ({})),
  )
}
