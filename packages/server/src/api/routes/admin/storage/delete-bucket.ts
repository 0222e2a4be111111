import type { FastifyInstance } from 'fastify'
import type { StorageService } from '../../../../core/storage/storage-service.js'

/** DELETE /buckets/:id: deletes the bucket and its files (not root); 204. */
export function deleteBucket(scope: FastifyInstance, storage: StorageService): void {
  scope.delete<{ Params: { id: string } }>('/buckets/:id', async (request, reply) => {
    await storage.deleteBucket(request.params.id)
    return reply.code(204).send()
  })
}
