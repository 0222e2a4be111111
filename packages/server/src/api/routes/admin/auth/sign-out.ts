import type { FastifyInstance } from 'fastify'
import type { AdminService } from '../../../../core/admin/admin-service.js'
import { adminToken } from '../admin-guard.js'

/** POST /auth/sign-out: ends the admin session of the request. */
export function adminSignOut(scope: FastifyInstance, admins: AdminService): void {
  scope.post('/auth/sign-out', async (request, reply) => {
    const token = adminToken(request)
    if (token) await admins.signOut(token)
    return reply.code(204).send()
  })
}
