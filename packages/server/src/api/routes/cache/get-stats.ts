import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { CacheService } from '../../../core/cache/cache-service.js'

/** GET /cache/stats: key count, bytes, and today's and this month's traffic. */
export function getStatsRoute(app: FastifyInstance, cache: CacheService): void {
  app.get(`${REST_PREFIX}/cache/stats`, { config: { module: 'cache' } }, () => cache.stats())
}
