import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema } from './storage-input.js'

/** The body of POST /storage/bucket/empty (keys in the order the client sends them). */
export const emptyBucketBody = z.object({ bucket: bucketSchema })

/** POST /storage/bucket/empty: deletes every file of the bucket. */
export function emptyBucketRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/empty`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(emptyBucketBody, request)
    await storage.emptyBucket(body.bucket)
    return {}
  })
}
