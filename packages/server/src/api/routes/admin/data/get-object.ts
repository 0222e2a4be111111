import type { FastifyInstance } from 'fastify'
import type { AdminObjects } from '../../../../core/admin/data/admin-objects.js'
import type { ObjectParams } from './data-params.js'

/** GET /models/:model/objects/:id: one object (404 object_not_found). */
export function getObject(scope: FastifyInstance, objects: AdminObjects): void {
  scope.get<ObjectParams>('/models/:model/objects/:id', async (request) =>
    objects.get(request.params.model, request.params.id),
  )
}
