import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AdminService } from '../../../core/admin/admin-service.js'
import type { AdminAccount } from '../../../core/admin/admin-store.js'
import { fail } from '../../../tools/errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in admin of an admin API request (docs/admin-api.md). */
    admin: AdminAccount | null
  }
}

/** The admin session token of a request: `Authorization: Bearer <token>`, else nothing. */
export function adminToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header !== 'string') return undefined
  const match = /^Bearer\s+(adm_[\w-]+)$/i.exec(header.trim())
  return match?.[1]
}

/**
 * Every route of `scope` needs a live admin session. Client keys, API keys and app sessions are
 * never looked at: whatever else a request carries, without an admin token it gets 401.
 */
export function registerAdminGuard(scope: FastifyInstance, admins: AdminService): void {
  scope.decorateRequest('admin', null)
  scope.addHook('onRequest', async (request) => {
    const token = adminToken(request)
    if (!token) throw fail('admin_session_required')
    const admin = await admins.resolve(token)
    if (!admin) throw fail('invalid_admin_session')
    request.admin = admin
  })
}
