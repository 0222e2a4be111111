import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { signOutAll } from '../../../../core/auth/flows/sessions.js'
import { authRequest } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/signout-all: ends every session of the user. */
export function agnostSignOutAllRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(`${AGNOST_PREFIX}/auth/signout-all`, { config: { session: 'required' } }, (request) =>
    signOutAll(ctx, authRequest(request)).then(() => ({})),
  )
}
