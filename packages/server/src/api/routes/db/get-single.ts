import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { getSingle } from '../../../core/db/operations/get-single.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery } from './db-input.js'

/** The body of POST /db/get-single. */
export const getSingleBody = z.object({ model: modelSchema, query: querySchema })

/** POST /db/get-single: the first matching object, or null. */
export function getSingleRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/get-single`, DB_ROUTE, async (request) => {
    const body = parseBody(getSingleBody, request)
    return getSingle(db.as(callerOf(request)), body.model, toQuery(body.query))
  })
}
