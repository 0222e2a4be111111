import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { getAuthGrant } from '../../../core/auth/flows/email-links.js'
import { authRequest, rawQuery } from './auth-request.js'

/** GET /auth/grant?key=: exchanges a one-time access token for a session. */
export function getGrantRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.get(`${REST_PREFIX}/auth/grant`, { config: { module: 'auth', session: 'none' } }, (request) =>
    getAuthGrant(ctx, rawQuery(request, 'key'), authRequest(request)),
  )
}
