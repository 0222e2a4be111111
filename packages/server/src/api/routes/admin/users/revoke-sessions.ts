import type { FastifyInstance } from 'fastify'
import { revokeUserSessions } from '../../../../core/admin/users/admin-sessions.js'
import type { AuthContext } from '../../../../core/auth/auth-context.js'

/** DELETE /users/:id/sessions: signs the user out everywhere; answers how many sessions ended. */
export function revokeSessionsRoute(scope: FastifyInstance, auth: AuthContext): void {
  scope.delete<{ Params: { id: string } }>('/users/:id/sessions', async (request) => ({
    revoked: await revokeUserSessions(auth, request.params.id),
  }))
}
