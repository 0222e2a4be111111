import type { FastifyInstance } from 'fastify'
import { revokeUserSession } from '../../../../core/admin/users/admin-sessions.js'
import type { AuthContext } from '../../../../core/auth/auth-context.js'

/** DELETE /users/:id/sessions/:sessionId: ends one session (its id is the token hash). */
export function revokeSessionRoute(scope: FastifyInstance, auth: AuthContext): void {
  scope.delete<{ Params: { id: string; sessionId: string } }>(
    '/users/:id/sessions/:sessionId',
    async (request, reply) => {
      await revokeUserSession(auth, request.params.id, request.params.sessionId)
      return reply.code(204).send()
    },
  )
}
