import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { getObject } from '../../../core/db/operations/get-object.js'
import { parseBody } from '../parse-body.js'
import {
  DB_ROUTE,
  callerOf,
  complexLookup,
  modelSchema,
  objectOptionsSchema,
  simpleLookup,
} from './db-input.js'

/** The body of POST /db/object/get. */
export const getObjectBody = z.object({
  model: modelSchema,
  id: z.unknown(),
  lookups: z.array(z.union([complexLookup, simpleLookup])).nullish(),
  options: objectOptionsSchema,
})

/** POST /db/object/get: the object with this id (with lookups), or null. */
export function getObjectRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/object/get`, DB_ROUTE, async (request) => {
    const body = parseBody(getObjectBody, request)
    return getObject(db.as(callerOf(request)), body.model, body.id, body.lookups ?? null)
  })
}
