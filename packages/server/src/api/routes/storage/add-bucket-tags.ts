import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, tagsSchema } from './storage-input.js'

/** The body of POST /storage/bucket/add-tags (keys in the order the client sends them). */
export const addBucketTagsBody = z.object({ tags: tagsSchema, bucket: bucketSchema })

/** POST /storage/bucket/add-tags: adds tags to the bucket. */
export function addBucketTagsRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/add-tags`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(addBucketTagsBody, request)
    return storage.addBucketTags(body.bucket, body.tags)
  })
}
