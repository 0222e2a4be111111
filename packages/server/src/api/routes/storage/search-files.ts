import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, listOptionsSchema, toListOptions } from './storage-input.js'

/** The body of POST /storage/search-files (keys in the order the client sends them). */
export const searchFilesBody = z.object({
  expression: z.string().nullish(),
  options: listOptionsSchema,
})

/** POST /storage/search-files: files of every bucket matching an expression. */
export function searchFilesRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/search-files`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(searchFilesBody, request)
    return storage.searchFiles(body.expression ?? null, toListOptions(body.options))
  })
}
