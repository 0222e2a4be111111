import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/move (keys in the order the client sends them). */
export const moveFileBody = z.object({
  bucketNameOrId: bucketSchema,
  file: fileSchema,
  bucket: bucketSchema,
})

/** POST /storage/bucket/file/move: moves the file to another bucket (same id). */
export function moveFileRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/move`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(moveFileBody, request)
    return storage.moveFile(body.bucket, body.file, body.bucketNameOrId)
  })
}
