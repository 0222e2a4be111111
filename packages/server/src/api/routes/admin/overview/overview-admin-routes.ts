import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { getOverview } from './get-overview.js'

/** The overview area of the admin API (docs/admin-api.md#overview). */
export function registerOverviewAdminRoutes(scope: FastifyInstance, deps: AdminDeps): void {
  getOverview(scope, deps)
}
