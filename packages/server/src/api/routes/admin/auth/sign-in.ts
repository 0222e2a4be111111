import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AdminService } from '../../../../core/admin/admin-service.js'
import { BasaltError } from '../../../../tools/errors.js'
import { parseBody } from '../../parse-body.js'

/** The body of POST /_api/admin/v1/auth/sign-in. */
export const adminSignInBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
})

/** POST /auth/sign-in: a new admin session (rate-limited per email and per address). */
export function adminSignIn(scope: FastifyInstance, admins: AdminService): void {
  scope.post('/auth/sign-in', async (request, reply) => {
    const body = parseBody(adminSignInBody, request)
    // Never stored by a browser cache or a proxy: the answer holds the session token.
    reply.header('cache-control', 'no-store')
    try {
      return await admins.signIn(body.email, body.password, request.ip)
    } catch (error) {
      const retryAfterMs = error instanceof BasaltError ? error.details?.retryAfterMs : undefined
      if (typeof retryAfterMs === 'number') {
        reply.header('retry-after', Math.max(1, Math.ceil(retryAfterMs / 1000)))
      }
      throw error
    }
  })
}
