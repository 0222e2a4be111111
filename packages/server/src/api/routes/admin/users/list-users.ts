import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { pagingQuery, parseQuery } from '../admin-paging.js'
import type { AdminDeps } from '../admin-deps.js'

/** The query of GET /users. */
export const listUsersQuery = pagingQuery.extend({
  search: z.string().trim().max(320).optional(),
})

/** GET /users: the app's users, newest first; `search` matches email, phone, name or id. */
export function listUsersRoute(scope: FastifyInstance, records: AdminDeps['records']): void {
  scope.get('/users', async (request) => {
    const { search, page, size } = parseQuery(listUsersQuery, request)
    const { items, total } = await records.listUsers(search, page, size)
    return { items, page, size, total }
  })
}
