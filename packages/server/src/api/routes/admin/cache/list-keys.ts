import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { adminGlob } from '../../../../core/admin/cache/admin-glob.js'
import type { CacheService } from '../../../../core/cache/cache-service.js'
import { MAX_ADMIN_PAGE_SIZE, parseQuery } from '../admin-paging.js'

/** The query of GET /cache/keys: a glob (`*`, `?`), the cursor of the page, its size. */
export const listKeysQuery = z.object({
  pattern: z.string().min(1).default('*'),
  cursor: z.string().min(1).optional(),
  size: z.coerce.number().int().min(1).max(MAX_ADMIN_PAGE_SIZE).default(50),
})

/**
 * GET /cache/keys: about `size` keys matching the pattern with their TTLs (seconds, null for
 * none), and the cursor of the next page (null at the end).
 */
export function listKeys(scope: FastifyInstance, cache: CacheService): void {
  scope.get('/cache/keys', async (request) => {
    const { pattern, cursor, size } = parseQuery(listKeysQuery, request)
    const page = await cache.listKeyTtls(adminGlob(pattern), cursor ?? null, size)
    return { items: page.items, cursor: page.next }
  })
}
