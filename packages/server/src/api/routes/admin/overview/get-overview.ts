import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'

/** GET /overview: the app's name, mode and version, and counts of what it holds. */
export function getOverview(
  scope: FastifyInstance,
  deps: Pick<AdminDeps, 'records' | 'db' | 'config'>,
): void {
  scope.get('/overview', async () => deps.records.overview(deps.db.catalog, deps.config))
}
