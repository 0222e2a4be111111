import type { FastifyInstance } from 'fastify'
import type { CacheService } from '../../../../core/cache/cache-service.js'
import { CACHE_KEY_PATH, cacheKeyOf } from './cache-key-param.js'

/** DELETE /cache/keys/:key: deletes the key; 204, also when it was already gone. */
export function deleteKey(scope: FastifyInstance, cache: CacheService): void {
  scope.delete(CACHE_KEY_PATH, async (request, reply) => {
    await cache.delete(cacheKeyOf(request))
    return reply.code(204).send()
  })
}
