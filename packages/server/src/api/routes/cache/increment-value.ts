import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { CacheService } from '../../../core/cache/cache-service.js'
import { parseBody } from '../parse-body.js'

/** The body of POST /cache/increment; `increment` defaults to 1. */
export const incrementBody = z.object({
  key: z.string(),
  increment: z.number().int().default(1),
  ttl: z.number().int().min(0).nullish(),
})

/** POST /cache/increment: adds to an integer value and answers `{value}`. */
export function incrementValueRoute(app: FastifyInstance, cache: CacheService): void {
  app.post(`${REST_PREFIX}/cache/increment`, { config: { module: 'cache' } }, async (request) => {
    const { key, increment, ttl } = parseBody(incrementBody, request)
    return { value: await cache.increment(key, increment, ttl) }
  })
}
