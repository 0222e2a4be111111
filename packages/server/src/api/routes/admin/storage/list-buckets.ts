import type { FastifyInstance } from 'fastify'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import { pagingQuery, parseQuery } from '../admin-paging.js'

/** GET /buckets: a page of buckets by name, each with its file count and total size (bytes). */
export function listBuckets(scope: FastifyInstance, storage: StorageService): void {
  scope.get('/buckets', async (request) => {
    const { page, size } = parseQuery(pagingQuery, request)
    const { items, total } = await storage.listBucketUsage({ page, size })
    return { items, page, size, total }
  })
}
