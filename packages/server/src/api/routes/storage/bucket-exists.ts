import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE, bucketSchema } from './storage-input.js'

/** The body of POST /storage/bucket/exists (keys in the order the client sends them). */
export const bucketExistsBody = z.object({ bucket: bucketSchema })

/** POST /storage/bucket/exists: whether the bucket exists (a JSON boolean). */
export function bucketExistsRoute(app: FastifyInstance, storage: StorageService): void {
  app.post(`${REST_PREFIX}/storage/bucket/exists`, STORAGE_ROUTE, async (request) => {
    const body = parseBody(bucketExistsBody, request)
    return storage.bucketExists(body.bucket)
  })
}
