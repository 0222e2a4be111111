import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { parseBody } from '../parse-body.js'
import { STORAGE_ROUTE } from './upload-input.js'

/** The body of POST /storage/bucket/file/download. */
export const downloadFileBody = z.object({
  file: z.string().min(1),
  bucket: z.string().nullish(),
})

/**
 * POST /storage/bucket/file/download: the file's bytes (public or private), streamed with its
 * MIME type, as an attachment named after the file.
 */
export function downloadFileRoute(
  app: FastifyInstance,
  storage: StorageService,
  _options: { maxFileSizeBytes: number },
): void {
  app.post(`${REST_PREFIX}/storage/bucket/file/download`, STORAGE_ROUTE, async (request, reply) => {
    const body = parseBody(downloadFileBody, request)
    const opened = await storage.openFile(body.bucket || 'root', body.file)
    return reply
      .header('content-type', opened.info.mimeType)
      .header('content-length', opened.content.size)
      .header('content-disposition', attachment(opened.info.fileName))
      .header('etag', opened.etag)
      .header('x-content-type-options', 'nosniff')
      .send(opened.content.body)
  })
}

/** `attachment; filename*=UTF-8''…` (RFC 6266/8187): any file name, percent-encoded. */
export function attachment(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => '%' + char.charCodeAt(0).toString(16).toUpperCase(),
  )
  return `attachment; filename*=UTF-8''${encoded}`
}
