import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { signOut } from '../../../../core/auth/flows/sessions.js'
import { OBJECT_BODY, authRequest, bodyOf } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/auth/signout `{token}`: ends the current session, or the one named. */
export function agnostSignOutRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.post(
    `${AGNOST_PREFIX}/auth/signout`,
    { config: { session: 'required' }, schema: { body: OBJECT_BODY } },
    (request) => signOut(ctx, bodyOf(request), authRequest(request)).then(() => ({})),
  )
}
