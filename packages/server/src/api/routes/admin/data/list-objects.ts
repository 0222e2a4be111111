import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AdminObjects } from '../../../../core/admin/data/admin-objects.js'
import { pagingQuery, parseQuery } from '../admin-paging.js'
import type { ModelParams } from './data-params.js'

/** The query of GET /models/:model/objects. */
export const listObjectsQuery = pagingQuery.extend({
  filter: z.string().max(4096).optional(),
  sort: z.string().max(1000).optional(),
})

/** GET /models/:model/objects: a page of the model's objects matching the filter, sorted. */
export function listObjects(scope: FastifyInstance, objects: AdminObjects): void {
  scope.get<ModelParams>('/models/:model/objects', async (request) => {
    const input = parseQuery(listObjectsQuery, request)
    const { items, total } = await objects.list(request.params.model, input)
    return { items, page: input.page, size: input.size, total }
  })
}
