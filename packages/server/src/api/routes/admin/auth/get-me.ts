import type { FastifyInstance } from 'fastify'

/** GET /auth/me: the signed-in admin. */
export function getMe(scope: FastifyInstance): void {
  scope.get('/auth/me', async (request) => ({ admin: request.admin }))
}
