import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { CacheService } from '../../../core/cache/cache-service.js'
import { parseBody } from '../parse-body.js'

/** The body of POST /cache/expire; a `ttl` of 0 or less deletes the key, as in Redis. */
export const expireBody = z.object({ key: z.string(), ttl: z.number().int() })

/** POST /cache/expire: sets a key's time to live in seconds. */
export function expireKeyRoute(app: FastifyInstance, cache: CacheService): void {
  app.post(`${REST_PREFIX}/cache/expire`, { config: { module: 'cache' } }, async (request) => {
    const { key, ttl } = parseBody(expireBody, request)
    await cache.expire(key, ttl)
    return {}
  })
}
