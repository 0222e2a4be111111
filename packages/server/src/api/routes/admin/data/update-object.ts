import type { FastifyInstance } from 'fastify'
import type { AdminObjects } from '../../../../core/admin/data/admin-objects.js'
import { parseBody } from '../../parse-body.js'
import { objectFieldsBody } from './create-object.js'
import type { ObjectParams } from './data-params.js'

/** PATCH /models/:model/objects/:id: sets the given fields of one object; answers it. */
export function updateObject(scope: FastifyInstance, objects: AdminObjects): void {
  scope.patch<ObjectParams>('/models/:model/objects/:id', async (request) =>
    objects.update(request.params.model, request.params.id, parseBody(objectFieldsBody, request)),
  )
}
