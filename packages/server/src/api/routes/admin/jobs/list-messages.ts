import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { JobsAdmin } from '../../../../core/admin/jobs/jobs-admin.js'
import { MESSAGE_STATUSES } from '../../../../core/admin/jobs/queue-admin.js'
import { pagingQuery, parseQuery } from '../admin-paging.js'

/** The query of GET /queues/:name/messages: paging, and one status when given. */
export const listMessagesQuery = pagingQuery.extend({
  status: z.enum(MESSAGE_STATUSES).optional(),
})

/** GET /queues/:name/messages: a page of a declared queue's messages, newest first. */
export function listMessages(scope: FastifyInstance, jobs: JobsAdmin): void {
  scope.get<{ Params: { name: string } }>('/queues/:name/messages', async (request) => {
    const { page, size, status } = parseQuery(listMessagesQuery, request)
    const found = await jobs.listMessages(request.params.name, status ?? null, { page, size })
    return { items: found.items, page, size, total: found.total }
  })
}
