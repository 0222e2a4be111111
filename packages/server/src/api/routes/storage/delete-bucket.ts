import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema } from './storage-input.js'

/** The body of POST /storage/bucket/delete (keys in the order the client sends them). */
export const deleteBucketBody = z.object({ bucket: bucketSchema })

/** POST /storage/bucket/delete: deletes a bucket and its files (not root). */
export function deleteBucketRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/delete`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(deleteBucketBody, request)
    await storage.deleteBucket(body.bucket)
    return {}
  })
}
