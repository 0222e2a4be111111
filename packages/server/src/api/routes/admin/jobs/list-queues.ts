import type { FastifyInstance } from 'fastify'
import type { JobsAdmin } from '../../../../core/admin/jobs/jobs-admin.js'

/** GET /queues: every declared queue by name, with its message counts per status. */
export function listQueues(scope: FastifyInstance, jobs: JobsAdmin): void {
  scope.get('/queues', async () => ({ items: await jobs.listQueues() }))
}
