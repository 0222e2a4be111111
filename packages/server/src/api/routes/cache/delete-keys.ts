import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { CacheService } from '../../../core/cache/cache-service.js'
import { parseBody } from '../parse-body.js'

/** The body of DELETE /cache. */
export const deleteKeysBody = z.object({ keys: z.array(z.string()) })

/** DELETE /cache: deletes keys; missing keys are not an error. */
export function deleteKeysRoute(app: FastifyInstance, cache: CacheService): void {
  app.delete(`${REST_PREFIX}/cache`, { config: { module: 'cache' } }, async (request) => {
    const { keys } = parseBody(deleteKeysBody, request)
    await cache.delete(keys)
    return {}
  })
}
