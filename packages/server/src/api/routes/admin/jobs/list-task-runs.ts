import type { FastifyInstance } from 'fastify'
import type { JobsAdmin } from '../../../../core/admin/jobs/jobs-admin.js'
import { pagingQuery, parseQuery } from '../admin-paging.js'

/** GET /tasks/:name/runs: a page of a declared task's runs, newest first. */
export function listTaskRuns(scope: FastifyInstance, jobs: JobsAdmin): void {
  scope.get<{ Params: { name: string } }>('/tasks/:name/runs', async (request) => {
    const { page, size } = parseQuery(pagingQuery, request)
    const found = await jobs.listRuns(request.params.name, { page, size })
    return { items: found.items, page, size, total: found.total }
  })
}
