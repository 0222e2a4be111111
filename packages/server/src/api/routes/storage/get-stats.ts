import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { STORAGE_ROUTE } from './storage-input.js'

/** GET /storage/stats: counts and sizes of every file, and the number of buckets. */
export function getStatsRoute(app: FastifyInstance, storage: StorageService): void {
  app.get(`${REST_PREFIX}/storage/stats`, STORAGE_ROUTE, async () => {
    return storage.getStats()
  })
}
