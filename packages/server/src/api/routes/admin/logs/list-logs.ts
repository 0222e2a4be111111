import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { RequestLog } from '../../../../core/admin/request-log.js'
import { pagingQuery, parseQuery } from '../admin-paging.js'

/** The query of GET /logs. */
export const listLogsQuery = pagingQuery.extend({
  kind: z.enum(['requests', 'errors']).default('requests'),
})

/** GET /logs: this process's last requests (or server errors), newest first. */
export function listLogs(scope: FastifyInstance, log: RequestLog): void {
  scope.get('/logs', async (request) => {
    const { kind, page, size } = parseQuery(listLogsQuery, request)
    return { ...log.page(kind, page, size), page, size }
  })
}
