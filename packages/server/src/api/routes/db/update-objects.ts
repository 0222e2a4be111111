import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { updateObjects } from '../../../core/db/operations/update-objects.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery } from './db-input.js'

/** The body of POST /db/update. */
export const updateObjectsBody = z.object({
  model: modelSchema,
  values: z.unknown(),
  query: querySchema,
})

/** POST /db/update: sets fields on every matching object; answers {totalMatch, updated}. */
export function updateObjectsRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/update`, DB_ROUTE, async (request) => {
    const body = parseBody(updateObjectsBody, request)
    return updateObjects(db.as(callerOf(request)), body.model, toQuery(body.query), body.values)
  })
}
