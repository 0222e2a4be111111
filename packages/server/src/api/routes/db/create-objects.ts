import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { createObjects } from '../../../core/db/operations/create-objects.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery } from './db-input.js'

/** The body of POST /db/create. */
export const createObjectsBody = z.object({
  model: modelSchema,
  values: z.unknown(),
  query: querySchema,
})

/** POST /db/create: one object or a batch (all-or-nothing); answers the created object(s). */
export function createObjectsRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/create`, DB_ROUTE, async (request) => {
    const body = parseBody(createObjectsBody, request)
    return createObjects(
      db.as(callerOf(request)),
      body.model,
      body.values,
      toQuery(body.query).omit,
    )
  })
}
