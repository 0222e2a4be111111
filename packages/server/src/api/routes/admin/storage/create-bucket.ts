import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import { parseBody } from '../../parse-body.js'

/** The body of POST /buckets. */
export const createBucketBody = z.strictObject({
  name: z.string(),
  isPublic: z.boolean(),
})

/** POST /buckets: creates a bucket (no tags, no user); 201 with it. */
export function createBucket(scope: FastifyInstance, storage: StorageService): void {
  scope.post('/buckets', async (request, reply) => {
    const { name, isPublic } = parseBody(createBucketBody, request)
    const bucket = await storage.createBucket({ userId: null }, name, isPublic, [])
    return reply.code(201).send(bucket)
  })
}
