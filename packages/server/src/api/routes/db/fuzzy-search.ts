import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { fuzzySearch } from '../../../core/db/operations/fuzzy-search.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery } from './db-input.js'

/** The body of POST /db/fuzzy-search. */
export const fuzzySearchBody = z.object({
  model: modelSchema,
  query: querySchema,
  text: z.unknown(),
  fieldName: z.unknown(),
})

/** POST /db/fuzzy-search: fuzzy search on one field, best matches first. */
export function fuzzySearchRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/fuzzy-search`, DB_ROUTE, async (request) => {
    const body = parseBody(fuzzySearchBody, request)
    return fuzzySearch(
      db.as(callerOf(request)),
      body.model,
      toQuery(body.query),
      body.fieldName,
      body.text,
    )
  })
}
