import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, tagsSchema, storageCallerOf } from './storage-input.js'

/** The body of POST /storage/create-bucket (keys in the order the client sends them). */
export const createBucketBody = z.object({
  name: z.string(),
  isPublic: z.boolean().nullish(),
  tags: tagsSchema.nullish(),
})

/** POST /storage/create-bucket: creates a bucket (the session user becomes its userId). */
export function createBucketRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/create-bucket`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(createBucketBody, request)
    return storage.createBucket(
      storageCallerOf(request),
      body.name,
      body.isPublic ?? true,
      body.tags ?? [],
    )
  })
}
