import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema } from './storage-input.js'

/** The body of POST /storage/bucket/delete-files (keys in the order the client sends them). */
export const deleteFilesBody = z.object({
  fileNamesOrIds: z.array(z.string()).max(1000),
  bucket: bucketSchema,
})

/** POST /storage/bucket/delete-files: deletes files by names or ids (unknown ones skipped). */
export function deleteFilesRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/delete-files`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(deleteFilesBody, request)
    await storage.deleteFiles(body.bucket, body.fileNamesOrIds)
    return {}
  })
}
