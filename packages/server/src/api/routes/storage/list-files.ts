import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema, listOptionsSchema, toListOptions } from './storage-input.js'

/** The body of POST /storage/bucket/list-files (keys in the order the client sends them). */
export const listFilesBody = z.object({
  expression: z.string().nullish(),
  options: listOptionsSchema,
  bucket: bucketSchema,
})

/** POST /storage/bucket/list-files: files of the bucket matching an expression, a page of them. */
export function listFilesRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/list-files`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(listFilesBody, request)
    return storage.listFiles(body.bucket, body.expression ?? null, toListOptions(body.options))
  })
}
