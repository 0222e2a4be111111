import type { FastifyInstance } from 'fastify'
import type { AdminObjects } from '../../../../core/admin/data/admin-objects.js'
import type { ObjectParams } from './data-params.js'

/** DELETE /models/:model/objects/:id: deletes one object and its sub-objects; 204. */
export function deleteObject(scope: FastifyInstance, objects: AdminObjects): void {
  scope.delete<ObjectParams>('/models/:model/objects/:id', async (request, reply) => {
    await objects.delete(request.params.model, request.params.id)
    return reply.code(204).send()
  })
}
