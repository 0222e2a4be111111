import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/delete (keys in the order the client sends them). */
export const deleteFileBody = z.object({ file: fileSchema, bucket: bucketSchema })

/** POST /storage/bucket/file/delete: deletes the file. */
export function deleteFileRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/delete`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(deleteFileBody, request)
    await storage.deleteFile(body.bucket, body.file)
    return {}
  })
}
