import type { FastifyInstance } from 'fastify'
import type { JobsAdmin } from '../../../../core/admin/jobs/jobs-admin.js'

/** POST /tasks/:name/run: runs the task now on this process (as `runOnce`); 202 with the run. */
export function runTask(scope: FastifyInstance, jobs: JobsAdmin): void {
  scope.post<{ Params: { name: string } }>('/tasks/:name/run', async (request, reply) => {
    return reply.code(202).send(await jobs.runOnce(request.params.name))
  })
}
