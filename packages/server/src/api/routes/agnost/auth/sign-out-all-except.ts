import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { signOutAllExceptCurrent } from '../../../../core/auth/flows/sessions.js'
import { authRequest } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/signout-all-except: ends every session but the current one. */
export function agnostSignOutAllExceptRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/signout-all-except`,
    { config: { session: 'required' } },
    (request) => signOutAllExceptCurrent(ctx, authRequest(request)).then(() => ({})),
  )
}
