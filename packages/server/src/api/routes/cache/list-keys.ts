import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { CacheService } from '../../../core/cache/cache-service.js'
import { parseBody } from '../parse-body.js'

/** The body of POST /cache/list-keys: a Redis glob (all keys when absent) and a cursor. */
export const listKeysBody = z.object({
  pattern: z.string().nullish(),
  next: z.string().nullish(),
})

/** POST /cache/list-keys: a page of `{key, value}` entries and the `next` cursor (null at the end). */
export function listKeysRoute(app: FastifyInstance, cache: CacheService): void {
  app.post(`${REST_PREFIX}/cache/list-keys`, { config: { module: 'cache' } }, async (request) => {
    const { pattern, next } = parseBody(listKeysBody, request)
    return cache.listKeys(pattern, next)
  })
}
