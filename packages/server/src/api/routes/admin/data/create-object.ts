import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AdminObjects } from '../../../../core/admin/data/admin-objects.js'
import { parseBody } from '../../parse-body.js'
import type { ModelParams } from './data-params.js'

/** The body of POST and PATCH on objects: the object's fields. */
export const objectFieldsBody = z.record(z.string(), z.unknown())

/** POST /models/:model/objects: creates one object, with the app's full rights; 201. */
export function createObject(scope: FastifyInstance, objects: AdminObjects): void {
  scope.post<ModelParams>('/models/:model/objects', async (request, reply) => {
    const created = await objects.create(request.params.model, parseBody(objectFieldsBody, request))
    return reply.code(201).send(created)
  })
}
