import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import { parseBody } from '../../parse-body.js'

/** The body of PATCH /buckets/:id: what to change. */
export const updateBucketBody = z.strictObject({
  name: z.string().optional(),
  isPublic: z.boolean().optional(),
})

/**
 * PATCH /buckets/:id: renames the bucket and/or sets its default privacy (the privacy of its
 * files is left as it is); answers the bucket.
 */
export function updateBucket(scope: FastifyInstance, storage: StorageService): void {
  scope.patch<{ Params: { id: string } }>('/buckets/:id', async (request) => {
    const { name, isPublic } = parseBody(updateBucketBody, request)
    return storage.updateBucket(request.params.id, { newName: name, isPublic })
  })
}
