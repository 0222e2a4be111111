import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import {
  STORAGE_ROUTE,
  acceptStreamedBodies,
  callerOf,
  objectSource,
  parseUploadQuery,
  runUpload,
} from './upload-input.js'

/**
 * POST /storage/bucket/upload-object?bucket&fileName&options: stores the body (JSON-decoded as
 * protocol §4.4 says, else raw and streamed) as a new file of type `options.contentType`.
 */
export function uploadObjectRoute(
  app: FastifyInstance,
  storage: StorageService,
  options: { maxFileSizeBytes: number },
): void {
  void app.register(async (scope) => {
    acceptStreamedBodies(scope)
    scope.post(`${REST_PREFIX}/storage/bucket/upload-object`, STORAGE_ROUTE, (request, reply) => {
      const query = parseUploadQuery(request, 'fileName')
      const source = objectSource(request, options.maxFileSizeBytes, query.contentType)
      return runUpload(reply, source, (content) =>
        storage.upload(callerOf(request), {
          bucket: query.bucket,
          fileName: query.name,
          content,
          isPublic: query.isPublic,
          tags: query.tags,
          createBucket: query.createBucket,
        }),
      )
    })
  })
}
