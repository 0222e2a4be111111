import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { listLogs } from './list-logs.js'

/** The logs area of the admin API (docs/admin-api.md#outbox-logs-settings). */
export function registerLogsAdminRoutes(scope: FastifyInstance, deps: AdminDeps): void {
  listLogs(scope, deps.requestLog)
}
