import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { setSubObject } from '../../../core/db/operations/set-sub-objects.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, objectOptionsSchema } from './db-input.js'

/** The body of POST /db/object/set. */
export const setObjectBody = z.object({
  model: modelSchema,
  values: z.unknown(),
  parentId: z.unknown(),
  id: z.unknown().optional(),
  options: objectOptionsSchema,
})

/** POST /db/object/set: writes the object sub-object of a parent. */
export function setObjectRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/object/set`, DB_ROUTE, async (request) => {
    const body = parseBody(setObjectBody, request)
    return setSubObject(
      db.as(callerOf(request)),
      body.model,
      body.values,
      body.parentId,
      body.options?.returnTop ?? false,
    )
  })
}
