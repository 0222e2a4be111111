import type { FastifyInstance } from 'fastify'
import type { JobsAdmin } from '../../../../core/admin/jobs/jobs-admin.js'

/** GET /tasks: every declared task by name, its schedule, next tick and latest run. */
export function listTasks(scope: FastifyInstance, jobs: JobsAdmin): void {
  scope.get('/tasks', async () => ({ items: await jobs.listTasks() }))
}
