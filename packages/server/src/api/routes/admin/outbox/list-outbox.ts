import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { pagingQuery, parseQuery } from '../admin-paging.js'
import type { AdminDeps } from '../admin-deps.js'

/** The query of GET /outbox. */
export const listOutboxQuery = pagingQuery.extend({
  kind: z.enum(['mail', 'sms']).optional(),
  search: z.string().max(320).optional(),
})

/** GET /outbox: mail and text messages kept instead of sent, newest first. */
export function listOutboxRoute(scope: FastifyInstance, records: AdminDeps['records']): void {
  scope.get('/outbox', async (request) => {
    const { page, size, ...filter } = parseQuery(listOutboxQuery, request)
    const { items, total } = await records.listOutbox(filter, page, size)
    return { items, page, size, total }
  })
}
