import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import {
  STORAGE_ROUTE,
  acceptStreamedBodies,
  objectSource,
  parseUploadQuery,
  runUpload,
} from './upload-input.js'

/**
 * POST /storage/bucket/file/replace-object?file&bucket&options: swaps the file's content for the
 * body (decoded as upload-object does), keeping its name and id.
 */
export function replaceObjectRoute(
  app: FastifyInstance,
  storage: StorageService,
  options: { maxFileSizeBytes: number },
): void {
  void app.register(async (scope) => {
    acceptStreamedBodies(scope)
    const url = `${REST_PREFIX}/storage/bucket/file/replace-object`
    scope.post(url, STORAGE_ROUTE, (request, reply) => {
      const query = parseUploadQuery(request, 'file')
      const source = objectSource(request, options.maxFileSizeBytes, query.contentType)
      return runUpload(reply, source, (content) =>
        storage.replace({
          bucket: query.bucket,
          file: query.name,
          content,
          isPublic: query.isPublic,
          tags: query.tags,
        }),
      )
    })
  })
}
