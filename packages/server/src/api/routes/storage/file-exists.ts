import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/exists (keys in the order the client sends them). */
export const fileExistsBody = z.object({ file: fileSchema, bucket: bucketSchema })

/** POST /storage/bucket/file/exists: whether the file exists (a JSON boolean). */
export function fileExistsRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/exists`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(fileExistsBody, request)
    return storage.fileExists(body.bucket, body.file)
  })
}
