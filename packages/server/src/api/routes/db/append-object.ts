import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { appendSubObjects } from '../../../core/db/operations/set-sub-objects.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, objectOptionsSchema } from './db-input.js'

/** The body of POST /db/object/append. */
export const appendObjectBody = z.object({
  model: modelSchema,
  values: z.unknown(),
  parentId: z.unknown(),
  id: z.unknown().optional(),
  options: objectOptionsSchema,
})

/** POST /db/object/append: adds an object to an object-list of a parent. */
export function appendObjectRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/object/append`, DB_ROUTE, async (request) => {
    const body = parseBody(appendObjectBody, request)
    return appendSubObjects(
      db.as(callerOf(request)),
      body.model,
      body.values,
      body.parentId,
      body.options?.returnTop ?? false,
    )
  })
}
