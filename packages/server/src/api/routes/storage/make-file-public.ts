import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/make-public (keys in the order the client sends them). */
export const makeFilePublicBody = z.object({ file: fileSchema, bucket: bucketSchema })

/** POST /storage/bucket/file/make-public: makes the file public. */
export function makeFilePublicRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/make-public`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(makeFilePublicBody, request)
    return storage.setFilePublic(body.bucket, body.file, true)
  })
}
