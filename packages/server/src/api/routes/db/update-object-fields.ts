import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { updateObjectFields } from '../../../core/db/operations/update-fields.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, objectOptionsSchema, updatesSchema } from './db-input.js'

/** The body of POST /db/object/update-fields. */
export const updateObjectFieldsBody = z.object({
  model: modelSchema,
  updates: updatesSchema,
  id: z.unknown(),
  options: objectOptionsSchema,
})

/** POST /db/object/update-fields: field updates on one object; answers it. */
export function updateObjectFieldsRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/object/update-fields`, DB_ROUTE, async (request) => {
    const body = parseBody(updateObjectFieldsBody, request)
    return updateObjectFields(
      db.as(callerOf(request)),
      body.model,
      body.id,
      body.updates,
      body.options?.returnTop ?? false,
    )
  })
}
