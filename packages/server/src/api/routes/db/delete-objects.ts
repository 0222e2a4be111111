import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { deleteObjects } from '../../../core/db/operations/delete-objects.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery } from './db-input.js'

/** The body of POST /db/delete. */
export const deleteObjectsBody = z.object({ model: modelSchema, query: querySchema })

/** POST /db/delete: deletes every matching object; answers {totalMatch, deleted}. */
export function deleteObjectsRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/delete`, DB_ROUTE, async (request) => {
    const body = parseBody(deleteObjectsBody, request)
    return deleteObjects(db.as(callerOf(request)), body.model, toQuery(body.query))
  })
}
