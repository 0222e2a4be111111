import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema, storageCallerOf } from './storage-input.js'

/** The body of POST /storage/bucket/file/copy (keys in the order the client sends them). */
export const copyFileBody = z.object({
  bucketNameOrId: bucketSchema,
  file: fileSchema,
  bucket: bucketSchema,
})

/** POST /storage/bucket/file/copy: copies the file to another bucket (a new id). */
export function copyFileRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/copy`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(copyFileBody, request)
    return storage.copyFile(storageCallerOf(request), body.bucket, body.file, body.bucketNameOrId)
  })
}
