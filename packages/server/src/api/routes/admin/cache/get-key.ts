import type { FastifyInstance } from 'fastify'
import type { CacheService } from '../../../../core/cache/cache-service.js'
import { fail } from '../../../../tools/errors.js'
import { CACHE_KEY_PATH, cacheKeyOf } from './cache-key-param.js'

/** GET /cache/keys/:key: `{key, value, ttlSeconds}` (null: no expiry); cache_key_not_found. */
export function getKey(scope: FastifyInstance, cache: CacheService): void {
  scope.get(CACHE_KEY_PATH, async (request) => {
    const key = cacheKeyOf(request)
    const found = await cache.inspect(key)
    if (!found) throw fail('cache_key_not_found', undefined, { key })
    return { key, ...found }
  })
}
