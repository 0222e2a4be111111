import type { FastifyInstance, FastifyReply } from 'fastify'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import type { FileInfo } from '../../../../core/storage/storage-types.js'
import { createImageTransformer } from '../../../../core/storage/transform/image-transformer.js'
import { transformPublicFile } from '../../../../core/storage/transform/transform-public-file.js'
import { parseTransformSpec } from '../../../../core/storage/transform/transform-spec.js'
import { fail } from '../../../../tools/errors.js'

/**
 * GET /files/:id/content: the file's bytes, private files too, with its content type;
 * `?width&height&format` answers an image transform as the public path does (same checks,
 * same cached variants). Never cached by browsers or proxies.
 */
export function getFileContent(scope: FastifyInstance, storage: StorageService): void {
  const transformer = createImageTransformer()
  scope.get<{ Params: { id: string } }>('/files/:id/content', async (request, reply) => {
    const file = await storage.findFileById(request.params.id)
    if (!file) throw fail('file_not_found', undefined, { file: request.params.id })
    const spec = parseTransformSpec(request.query as Record<string, unknown>)
    if (spec) {
      const image = await transformPublicFile(storage, transformer, file, spec)
      setHeaders(reply, file.info, image.mimeType, image.content.size)
      return reply.send(image.content.body)
    }
    // openFile reads again when a replace swapped the content in between.
    const open = await storage.openFile(file.info.bucketId, file.info._id)
    setHeaders(reply, open.info, open.info.mimeType, open.content.size)
    return reply.send(open.content.body)
  })
}

/** No caching; `sandbox` and `nosniff` keep uploaded HTML or SVG from running as the console. */
function setHeaders(reply: FastifyReply, info: FileInfo, type: string, size: number): void {
  reply
    .header('content-type', type)
    .header('content-length', size)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .header('content-disposition', `inline; filename*=UTF-8''${rfc5987(info.fileName)}`)
}

/** A file name as an RFC 5987 value (UTF-8, percent-encoded). */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
}
