import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import {
  STORAGE_ROUTE,
  acceptStreamedBodies,
  callerOf,
  multipartSource,
  parseUploadQuery,
  runUpload,
} from './upload-input.js'

/**
 * POST /storage/bucket/upload-formdata?bucket&fileName&options: stores the multipart `file`
 * part (streamed, never buffered) as a new file named `fileName`; HTTP 200 with its metadata.
 */
export function uploadFormdataRoute(
  app: FastifyInstance,
  storage: StorageService,
  options: { maxFileSizeBytes: number },
): void {
  void app.register(async (scope) => {
    acceptStreamedBodies(scope)
    scope.post(`${REST_PREFIX}/storage/bucket/upload-formdata`, STORAGE_ROUTE, (request, reply) => {
      const query = parseUploadQuery(request, 'fileName')
      const source = multipartSource(request, options.maxFileSizeBytes, query.contentType)
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
