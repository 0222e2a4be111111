import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema } from './storage-input.js'

/** The body of POST /storage/bucket/get (keys in the order the client sends them). */
export const getBucketBody = z.object({ detailed: z.boolean().nullish(), bucket: bucketSchema })

/** POST /storage/bucket/get: a bucket, with file stats when detailed. */
export function getBucketRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/get`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(getBucketBody, request)
    return storage.getBucket(body.bucket, body.detailed ?? false)
  })
}
