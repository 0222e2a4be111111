import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { getAllSessions } from '../../../../core/auth/flows/sessions.js'
import { authRequest } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** GET /agnost/auth/sessions: the user's sessions. */
export function agnostGetSessionsRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.get(`${AGNOST_PREFIX}/auth/sessions`, { config: { session: 'required' } }, (request) =>
    getAllSessions(ctx, authRequest(request)),
  )
}
