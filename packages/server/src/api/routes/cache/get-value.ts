import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { CacheService } from '../../../core/cache/cache-service.js'
import { invalid } from '../../../core/cache/cache-limits.js'
import { rawQuery } from '../auth/auth-request.js'

/** GET /cache?key=: the value as stored when an object or array, `{value}` for a primitive. */
export function getValueRoute(app: FastifyInstance, cache: CacheService): void {
  app.get(`${REST_PREFIX}/cache`, { config: { module: 'cache' } }, async (request, reply) => {
    // The Altogic client pastes the key into the URL unencoded: read it raw, `+` kept.
    const key = rawQuery(request, 'key')
    if (!key) throw invalid('key', 'the query parameter key is required')
    const found = await cache.lookup(key)
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(wrap(found)))
  })
}

/** Objects and arrays go out as stored; a primitive (or null) as `{value}`; a miss as null. */
function wrap(found: { value: unknown } | null): unknown {
  if (!found) return null
  const { value } = found
  return value !== null && typeof value === 'object' ? value : { value }
}
