import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { createObjects } from '../../../core/db/operations/create-objects.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, objectOptionsSchema } from './db-input.js'

/** The body of POST /db/object/create. */
export const createObjectBody = z.object({
  model: modelSchema,
  values: z.record(z.string(), z.unknown()),
  options: objectOptionsSchema,
})

/** POST /db/object/create: one top-level object; answers it. */
export function createObjectRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/object/create`, DB_ROUTE, async (request) => {
    const body = parseBody(createObjectBody, request)
    return createObjects(db.as(callerOf(request)), body.model, body.values)
  })
}
