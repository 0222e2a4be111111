import type { FastifyInstance } from 'fastify'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { getAuthGrant } from '../../../../core/auth/flows/email-links.js'
import { authRequest, rawQuery } from '../../auth/auth-request.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** GET /agnost/auth/grant?key=: exchanges a one-time access token for `{user, session}`. */
export function agnostGetGrantRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.get(`${AGNOST_PREFIX}/auth/grant`, { config: { session: 'none' } }, (request) =>
    getAuthGrant(ctx, rawQuery(request, 'key'), authRequest(request)),
  )
}
