import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import { parseQuery } from '../admin-paging.js'
import { acceptStreamedBodies, runUpload } from '../../storage/upload-input.js'
import { rawUploadSource } from './raw-upload-source.js'

/** The query of POST /buckets/:id/files; the bytes are the body. */
export const uploadFileQuery = z.object({
  name: z.string().min(1),
  /** The body's Content-Type header when absent, else application/octet-stream. */
  contentType: z.string().min(1).max(255).optional(),
  /** The bucket's default when absent. */
  isPublic: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
})

/**
 * POST /buckets/:id/files?name&contentType&isPublic: stores the raw body, streamed, as a new
 * file (`name (1).ext` when the name is taken); 201 with it. In a scope of its own that takes
 * any body as an unread stream, so the JSON body limit does not apply; the file size limit does.
 */
export function uploadFile(scope: FastifyInstance, storage: StorageService): void {
  void scope.register(async (raw) => {
    acceptStreamedBodies(raw)
    raw.post<{ Params: { id: string } }>('/buckets/:id/files', async (request, reply) => {
      const source = rawUploadSource(request, storage.maxFileSizeBytes)
      // Checked inside runUpload: a bad query also releases the unread body.
      const file = await runUpload(reply, source, (content) => {
        const query = parseQuery(uploadFileQuery, request)
        const contentType =
          query.contentType ?? (request.headers['content-type'] || 'application/octet-stream')
        return storage.upload(
          { userId: null },
          {
            bucket: request.params.id,
            fileName: query.name,
            content: { ...content, contentType },
            isPublic: query.isPublic,
          },
        )
      })
      return reply.code(201).send(file)
    })
  })
}
