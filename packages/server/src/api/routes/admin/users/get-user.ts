import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'

/** GET /users/:id: one user, with whether it is disabled. */
export function getUserRoute(scope: FastifyInstance, records: AdminDeps['records']): void {
  scope.get<{ Params: { id: string } }>('/users/:id', async (request) =>
    records.getUser(request.params.id),
  )
}
