import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { getList } from '../../../core/db/operations/get-list.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery } from './db-input.js'

/** The body of POST /db/get-list. */
export const getListBody = z.object({
  model: modelSchema,
  query: querySchema,
  returnCountInfo: z.boolean().nullish(),
})

/** POST /db/get-list: a page of matching objects, with count info when asked. */
export function getListRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/get-list`, DB_ROUTE, async (request) => {
    const body = parseBody(getListBody, request)
    return getList(
      db.as(callerOf(request)),
      body.model,
      toQuery(body.query),
      body.returnCountInfo ?? false,
    )
  })
}
