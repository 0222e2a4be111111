import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { appendSubObjects } from '../../../core/db/operations/set-sub-objects.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema } from './db-input.js'

/** The body of POST /db/append. */
export const appendSubObjectsBody = z.object({
  model: modelSchema,
  values: z.unknown(),
  parentId: z.unknown(),
  returnTop: z.boolean().nullish(),
  query: querySchema,
})

/** POST /db/append: adds objects to an object-list of a parent. */
export function appendSubObjectsRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/append`, DB_ROUTE, async (request) => {
    const body = parseBody(appendSubObjectsBody, request)
    return appendSubObjects(
      db.as(callerOf(request)),
      body.model,
      body.values,
      body.parentId,
      body.returnTop ?? false,
    )
  })
}
