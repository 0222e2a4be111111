import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE } from './storage-input.js'

/** The body of POST /storage/delete-file (keys in the order the client sends them). */
export const deleteFileByUrlBody = z.object({ fileUrl: z.string().min(1) })

/** POST /storage/delete-file: deletes the file of a public URL. */
export function deleteFileByUrlRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/delete-file`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(deleteFileByUrlBody, request)
    await storage.deleteFileByUrl(body.fileUrl)
    return {}
  })
}
