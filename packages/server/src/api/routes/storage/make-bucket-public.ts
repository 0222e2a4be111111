import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema } from './storage-input.js'

/** The body of POST /storage/bucket/make-public (keys in the order the client sends them). */
export const makeBucketPublicBody = z.object({
  includeFiles: z.boolean().nullish(),
  bucket: bucketSchema,
})

/** POST /storage/bucket/make-public: makes the bucket public (and its files with includeFiles). */
export function makeBucketPublicRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/make-public`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(makeBucketPublicBody, request)
    return storage.setBucketPublic(body.bucket, true, body.includeFiles ?? false)
  })
}
