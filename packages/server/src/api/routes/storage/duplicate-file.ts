import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema, storageCallerOf } from './storage-input.js'

/** The body of POST /storage/bucket/file/duplicate (keys in the order the client sends them). */
export const duplicateFileBody = z.object({
  duplicateName: z.string().nullish(),
  file: fileSchema,
  bucket: bucketSchema,
})

/** POST /storage/bucket/file/duplicate: a copy of the file in its bucket. */
export function duplicateFileRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/duplicate`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(duplicateFileBody, request)
    return storage.duplicateFile(
      storageCallerOf(request),
      body.bucket,
      body.file,
      body.duplicateName ?? undefined,
    )
  })
}
