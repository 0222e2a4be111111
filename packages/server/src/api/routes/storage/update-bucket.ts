import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, tagsSchema } from './storage-input.js'

/** The body of POST /storage/bucket/update (keys in the order the client sends them). */
export const updateBucketBody = z.object({
  newName: z.string().nullish(),
  isPublic: z.boolean().nullish(),
  tags: tagsSchema.nullish(),
  includeFiles: z.boolean().nullish(),
  bucket: bucketSchema,
})

/** POST /storage/bucket/update: changes name, privacy and tags of the bucket. */
export function updateBucketRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/update`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(updateBucketBody, request)
    return storage.updateBucket(body.bucket, {
      newName: body.newName,
      isPublic: body.isPublic,
      tags: body.tags,
      includeFiles: body.includeFiles,
    })
  })
}
