import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { getAllSessions } from '../../../core/auth/flows/sessions.js'
import { authRequest } from './auth-request.js'

/** GET /auth/sessions: the live sessions of the user. */
export function getSessionsRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.get(
    `${REST_PREFIX}/auth/sessions`,
    { config: { module: 'auth', session: 'required' } },
    (request) => getAllSessions(ctx, authRequest(request)),
  )
}
