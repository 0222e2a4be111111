import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema, tagsSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/update (keys in the order the client sends them). */
export const updateFileBody = z.object({
  newName: z.string().nullish(),
  isPublic: z.boolean().nullish(),
  tags: tagsSchema.nullish(),
  file: fileSchema,
  bucket: bucketSchema,
})

/** POST /storage/bucket/file/update: changes name, privacy and tags of the file. */
export function updateFileRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/update`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(updateFileBody, request)
    return storage.updateFile(body.bucket, body.file, {
      newName: body.newName,
      isPublic: body.isPublic,
      tags: body.tags,
    })
  })
}
