import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { updateObject } from '../../../core/db/operations/update-object.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, objectOptionsSchema } from './db-input.js'

/** The body of POST /db/object/update. */
export const updateObjectBody = z.object({
  model: modelSchema,
  values: z.unknown(),
  id: z.unknown(),
  options: objectOptionsSchema,
})

/** POST /db/object/update: sets fields of one object; answers it. */
export function updateObjectRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/object/update`, DB_ROUTE, async (request) => {
    const body = parseBody(updateObjectBody, request)
    return updateObject(
      db.as(callerOf(request)),
      body.model,
      body.id,
      body.values,
      body.options?.returnTop ?? false,
    )
  })
}
