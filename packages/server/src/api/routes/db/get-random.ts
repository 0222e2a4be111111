import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { getRandom } from '../../../core/db/operations/get-random.js'
import { parseBody } from '../parse-body.js'
import { DB_ROUTE, callerOf, modelSchema, querySchema, toQuery } from './db-input.js'

/** The body of POST /db/get-random. */
export const getRandomBody = z.object({ model: modelSchema, query: querySchema, count: z.number() })

/** POST /db/get-random: up to `count` random matching objects. */
export function getRandomRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/get-random`, DB_ROUTE, async (request) => {
    const body = parseBody(getRandomBody, request)
    return getRandom(db.as(callerOf(request)), body.model, toQuery(body.query), body.count)
  })
}
