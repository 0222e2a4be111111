import type { FastifyInstance } from 'fastify'
import type { CacheService } from '../../../core/cache/cache-service.js'
import { decrementValueRoute } from './decrement-value.js'
import { deleteKeysRoute } from './delete-keys.js'
import { expireKeyRoute } from './expire-key.js'
import { getStatsRoute } from './get-stats.js'
import { getValueRoute } from './get-value.js'
import { incrementValueRoute } from './increment-value.js'
import { listKeysRoute } from './list-keys.js'
import { setValueRoute } from './set-value.js'

/** Registers every cache route of the protocol (§6.1 and §8 rows 78-85). */
export function registerCacheRoutes(app: FastifyInstance, cache: CacheService): void {
  for (const register of [
    getValueRoute,
    setValueRoute,
    deleteKeysRoute,
    incrementValueRoute,
    decrementValueRoute,
    expireKeyRoute,
    getStatsRoute,
    listKeysRoute,
  ]) {
    register(app, cache)
  }
}
