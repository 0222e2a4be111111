import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { deleteObject } from '../../../core/db/operations/delete-object.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, objectOptionsSchema } from './db-input.js'

/** The body of POST /db/object/delete. */
export const deleteObjectBody = z.object({
  model: modelSchema,
  id: z.unknown(),
  options: objectOptionsSchema,
})

/** POST /db/object/delete: deletes one object or sub-object. */
export function deleteObjectRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/object/delete`, DB_ROUTE, async (request) => {
    const body = parseBody(deleteObjectBody, request)
    return deleteObject(
      db.as(callerOf(request)),
      body.model,
      body.id,
      body.options?.returnTop ?? false,
    )
  })
}
