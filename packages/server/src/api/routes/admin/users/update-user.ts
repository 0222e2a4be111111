import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { updateUser } from '../../../../core/admin/users/admin-users.js'
import type { AuthContext } from '../../../../core/auth/auth-context.js'
import { parseBody } from '../../parse-body.js'

/** The body of PATCH /users/:id. */
export const updateUserBody = z.strictObject({
  emailVerified: z.boolean().optional(),
  phoneVerified: z.boolean().optional(),
  disabled: z.boolean().optional(),
})

/** PATCH /users/:id: marks email or phone verified, disables (ending every session) or enables. */
export function updateUserRoute(scope: FastifyInstance, auth: AuthContext): void {
  scope.patch<{ Params: { id: string } }>('/users/:id', async (request) =>
    updateUser(auth, request.params.id, parseBody(updateUserBody, request)),
  )
}
