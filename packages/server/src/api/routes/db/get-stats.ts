import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { DatabaseService } from '../../../core/db/database-service.js'
import { getStats } from '../../../core/db/operations/get-stats.js'
import { DB_ROUTE, callerOf } from './db-input.js'

/** GET /db/stats: objects and bytes per model, and the totals. */
export function getStatsRoute(app: FastifyInstance, db: DatabaseService): void {
  app.get(`${REST_PREFIX}/db/stats`, DB_ROUTE, async (request) =>
    getStats(db.as(callerOf(request))),
  )
}
