import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { compute } from '../../../core/db/operations/compute.js'
import { parseBody } from '../parse-body.js'
import {
  DB_ROUTE,
  callerOf,
  computationsSchema,
  modelSchema,
  querySchema,
  toQuery,
} from './db-input.js'

/** The body of POST /db/compute. */
export const computeBody = z.object({
  model: modelSchema,
  query: querySchema,
  computations: computationsSchema,
})

/** POST /db/compute: aggregates per group. */
export function computeRoute(app: FastifyInstance, db: DatabaseService): void {
  app.post(`${REST_PREFIX}/db/compute`, DB_ROUTE, async (request) => {
    const body = parseBody(computeBody, request)
    return compute(db.as(callerOf(request)), body.model, toQuery(body.query), body.computations)
  })
}
