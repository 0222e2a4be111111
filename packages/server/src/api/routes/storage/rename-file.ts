import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/rename (keys in the order the client sends them). */
export const renameFileBody = z.object({
  newName: z.string(),
  file: fileSchema,
  bucket: bucketSchema,
})

/** POST /storage/bucket/file/rename: renames the file (file_already_exists when taken). */
export function renameFileRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/rename`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(renameFileBody, request)
    return storage.renameFile(body.bucket, body.file, body.newName)
  })
}
