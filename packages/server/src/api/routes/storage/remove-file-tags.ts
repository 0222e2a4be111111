import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema, tagsSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/remove-tags (keys in the order the client sends them). */
export const removeFileTagsBody = z.object({
  tags: tagsSchema,
  file: fileSchema,
  bucket: bucketSchema,
})

/** POST /storage/bucket/file/remove-tags: removes tags of the file. */
export function removeFileTagsRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/remove-tags`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(removeFileTagsBody, request)
    return storage.removeFileTags(body.bucket, body.file, body.tags)
  })
}
