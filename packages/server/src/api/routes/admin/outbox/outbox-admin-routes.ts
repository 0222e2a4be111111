import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { listOutboxRoute } from './list-outbox.js'

/** The outbox area of the admin API (docs/admin-api.md#outbox-logs-settings). */
export function registerOutboxAdminRoutes(scope: FastifyInstance, deps: AdminDeps): void {
  listOutboxRoute(scope, deps.records)
}
