import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, listOptionsSchema, toListOptions } from './storage-input.js'

/** The body of POST /storage/list-buckets (keys in the order the client sends them). */
export const listBucketsBody = z.object({
  expression: z.string().nullish(),
  options: listOptionsSchema,
})

/** POST /storage/list-buckets: buckets matching an expression, a page of them. */
export function listBucketsRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/list-buckets`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(listBucketsBody, request)
    return storage.listBuckets(body.expression ?? null, toListOptions(body.options))
  })
}
