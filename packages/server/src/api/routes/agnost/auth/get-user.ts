import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { getUser } from '../../../../core/auth/flows/sessions.js'
import { authRequest } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** GET /agnost/auth/user: the session's user, read from the database. */
export function agnostGetUserRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.get(`${AGNOST_PREFIX}/auth/user`, { config: { session: 'required' } }, (request) =>
    getUser(ctx, authRequest(request)),
  )
}
