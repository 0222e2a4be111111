import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { CacheService } from '../../../core/cache/cache-service.js'
import { parseBody } from '../parse-body.js'

/** The body of POST /cache; `ttl` in seconds, absent or 0 for no expiry. */
export const setValueBody = z.object({
  key: z.string(),
  value: z.unknown().refine((value) => value !== undefined, 'expected a JSON value'),
  ttl: z.number().int().min(0).nullish(),
})

/** POST /cache: stores a value, replacing any earlier value and TTL. */
export function setValueRoute(app: FastifyInstance, cache: CacheService): void {
  app.post(`${REST_PREFIX}/cache`, { config: { module: 'cache' } }, async (request) => {
    const { key, value, ttl } = parseBody(setValueBody, request)
    await cache.set(key, value, ttl)
    return {}
  })
}
