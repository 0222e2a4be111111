import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'

/** GET /users/:id/sessions: the user's live sessions, newest first. */
export function listSessionsRoute(scope: FastifyInstance, records: AdminDeps['records']): void {
  scope.get<{ Params: { id: string } }>('/users/:id/sessions', async (request) => ({
    items: await records.listSessions(request.params.id),
  }))
}
