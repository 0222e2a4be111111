import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import { pagingQuery, parseQuery } from '../admin-paging.js'

/** The query of GET /buckets/:id/files: paging, and a part of the file name. */
export const listFilesQuery = pagingQuery.extend({
  search: z.string().max(255).optional(),
})

/** GET /buckets/:id/files: a page of the bucket's files by name (those holding `search`). */
export function listFiles(scope: FastifyInstance, storage: StorageService): void {
  scope.get<{ Params: { id: string } }>('/buckets/:id/files', async (request) => {
    const { page, size, search } = parseQuery(listFilesQuery, request)
    const found = await storage.listFilesByName(request.params.id, search || null, { page, size })
    return { items: found.items, page, size, total: found.total }
  })
}
