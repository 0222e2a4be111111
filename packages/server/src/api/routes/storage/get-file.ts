import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/get (keys in the order the client sends them). */
export const getFileBody = z.object({ file: fileSchema, bucket: bucketSchema })

/** POST /storage/bucket/file/get: a file's metadata. */
export function getFileRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/get`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(getFileBody, request)
    return storage.getFile(body.bucket, body.file)
  })
}
