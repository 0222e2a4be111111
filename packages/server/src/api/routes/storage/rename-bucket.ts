import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema } from './storage-input.js'

/** The body of POST /storage/bucket/rename (keys in the order the client sends them). */
export const renameBucketBody = z.object({ newName: z.string(), bucket: bucketSchema })

/** POST /storage/bucket/rename: renames a bucket (not root). */
export function renameBucketRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/rename`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(renameBucketBody, request)
    return storage.renameBucket(body.bucket, body.newName)
  })
}
