import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, tagsSchema } from './storage-input.js'

/** The body of POST /storage/bucket/remove-tags (keys in the order the client sends them). */
export const removeBucketTagsBody = z.object({ tags: tagsSchema, bucket: bucketSchema })

/** POST /storage/bucket/remove-tags: removes tags of the bucket. */
export function removeBucketTagsRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/remove-tags`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(removeBucketTagsBody, request)
    return storage.removeBucketTags(body.bucket, body.tags)
  })
}
