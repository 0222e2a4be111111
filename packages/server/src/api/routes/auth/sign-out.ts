import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { signOut } from '../../../core/auth/flows/sessions.js'
import { OBJECT_BODY, authRequest, bodyOf } from './auth-request.js'

/** POST /auth/signout: signs out the current session, or the one named by `token`. */
export function signOutRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${REST_PREFIX}/auth/signout`,
    { config: { module: 'auth', session: 'required' }, schema: { body: OBJECT_BODY } },
    (request) => signOut(ctx, bodyOf(request), authRequest(request)).then(() => ({})),
  )
}
