import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { CacheService } from '../../../../core/cache/cache-service.js'
import { parseBody } from '../../parse-body.js'
import { CACHE_KEY_PATH, cacheKeyOf } from './cache-key-param.js'

/** The body of PUT /cache/keys/:key: any JSON value, and a TTL in seconds (none when absent). */
export const putKeyBody = z.strictObject({
  value: z.unknown().refine((value) => value !== undefined, 'expected a JSON value'),
  ttlSeconds: z
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER / 1000)
    .nullish(),
})

/** PUT /cache/keys/:key: stores the value (dropping any earlier TTL unless one is given). */
export function putKey(scope: FastifyInstance, cache: CacheService): void {
  scope.put(CACHE_KEY_PATH, async (request) => {
    const key = cacheKeyOf(request)
    const { value, ttlSeconds } = parseBody(putKeyBody, request)
    await cache.set(key, value, ttlSeconds ?? null)
    return { key, value, ttlSeconds: ttlSeconds ?? null }
  })
}
