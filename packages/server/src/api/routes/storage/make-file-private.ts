import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, fileSchema } from './storage-input.js'

/** The body of POST /storage/bucket/file/make-private (keys in the order the client sends them). */
export const makeFilePrivateBody = z.object({ file: fileSchema, bucket: bucketSchema })

/** POST /storage/bucket/file/make-private: makes the file private. */
export function makeFilePrivateRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/make-private`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(makeFilePrivateBody, request)
    return storage.setFilePublic(body.bucket, body.file, false)
  })
}
