import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { searchText } from '../../../core/db/operations/search-text.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery } from './db-input.js'

/** The body of POST /db/search-text. */
export const searchTextBody = z.object({
  model: modelSchema,
  query: querySchema,
  returnCountInfo: z.boolean().nullish(),
  text: z.unknown(),
})

/** POST /db/search-text: full-text search over the searchable fields, ranked. */
export function searchTextRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/search-text`, DB_ROUTE, async (request) => {
    const body = parseBody(searchTextBody, request)
    return searchText(
      db.as(callerOf(request)),
      body.model,
      toQuery(body.query),
      body.text,
      body.returnCountInfo ?? false,
    )
  })
}
