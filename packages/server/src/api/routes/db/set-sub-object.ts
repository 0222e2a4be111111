import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { setSubObject } from '../../../core/db/operations/set-sub-objects.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema } from './db-input.js'

/** The body of POST /db/set. */
export const setSubObjectBody = z.object({
  model: modelSchema,
  values: z.unknown(),
  parentId: z.unknown(),
  returnTop: z.boolean().nullish(),
  query: querySchema,
})

/** POST /db/set: writes the object sub-object of a parent. */
export function setSubObjectRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/set`, DB_ROUTE, async (request) => {
    const body = parseBody(setSubObjectBody, request)
    return setSubObject(
      db.as(callerOf(request)),
      body.model,
      body.values,
      body.parentId,
      body.returnTop ?? false,
    )
  })
}
