import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { updateFields } from '../../../core/db/operations/update-fields.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery, updatesSchema } from './db-input.js'

/** The body of POST /db/update-fields. */
export const updateFieldsBody = z.object({
  model: modelSchema,
  updates: updatesSchema,
  query: querySchema,
})

/** POST /db/update-fields: field updates on every matching object; answers {totalMatch, updated}. */
export function updateFieldsRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/update-fields`, DB_ROUTE, async (request) => {
    const body = parseBody(updateFieldsBody, request)
    return updateFields(db.as(callerOf(request)), body.model, toQuery(body.query), body.updates)
  })
}
