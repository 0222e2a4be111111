import type { FastifyInstance } from 'fastify'
import { fail } from '../../../../tools/errors.js'
import type { AdminDeps } from '../admin-deps.js'

/** DELETE /keys/:id: revokes a key at once in every process; answers it (revoked). */
export function revokeKeyRoute(scope: FastifyInstance, records: AdminDeps['records']): void {
  scope.delete<{ Params: { id: string } }>('/keys/:id', async (request) => {
    const key = await records.revokeKey(request.params.id)
    if (!key) throw fail('key_not_found', undefined, { id: request.params.id })
    return key
  })
}
