import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { CacheService } from '../../../core/cache/cache-service.js'
import { parseBody } from '../parse-body.js'

/** The body of POST /cache/decrement; `decrement` defaults to 1. */
export const decrementBody = z.object({
  key: z.string(),
  decrement: z.number().int().default(1),
  ttl: z.number().int().min(0).nullish(),
})

/** POST /cache/decrement: subtracts from an integer value and answers `{value}`. */
export function decrementValueRoute(app: FastifyInstance, cache: CacheService): void {
  app.post(`${REST_PREFIX}/cache/decrement`, { config: { module: 'cache' } }, async (request) => {
    const { key, decrement, ttl } = parseBody(decrementBody, request)
    return { value: await cache.decrement(key, decrement, ttl) }
  })
}
