import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { getUser } from '../../../core/auth/flows/sessions.js'
import { authRequest } from './auth-request.js'

/** GET /auth/user: the signed-in user as stored now. */
export function getUserRoute(app: FastifyInstance, ctx: AuthContext): void {
  app.get(
    `${REST_PREFIX}/auth/user`,
    { config: { module: 'auth', session: 'required' } },
    (request) => getUser(ctx, authRequest(request)),
  )
}
