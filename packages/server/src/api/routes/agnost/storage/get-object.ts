import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import type { FileInfo, PublicFile } from '../../../../core/storage/storage-types.js'
import { fail, isBasaltError } from '../../../../tools/errors.js'
import { serveOriginal } from '../../storage-public/public-file-routes.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

const OBJECT_ID = /^[0-9a-f]{24}$/

interface ByPathParams {
  storage: string
  bucket: string
  '*': string
}

/**
 * GET and HEAD /agnost/object/:fileId and /agnost/object/:storage/:bucket/<file name> (no API
 * key): a public file, served as `/_storage/...` serves it; `?attachment=true` adds
 * `Content-Disposition: attachment`. Private and unknown files are both file_not_found.
 */
export function agnostGetObjectRoutes(app: FastifyInstance, storage: StorageService): void {
  app.route<{ Params: { fileId: string } }>({
    method: ['GET', 'HEAD'],
    url: `${AGNOST_PREFIX}/object/:fileId`,
    handler: async (request, reply) => {
      const info = await fileById(storage, request.params.fileId)
      return serve(storage, info, request, reply)
    },
  })
  app.route<{ Params: ByPathParams }>({
    method: ['GET', 'HEAD'],
    url: `${AGNOST_PREFIX}/object/:storage/:bucket/*`,
    handler: async (request, reply) => {
      const { bucket, '*': name } = request.params
      const info = await storage.getFile(bucket, name).catch(notFound)
      return serve(storage, info, request, reply)
    },
  })
}

/** The file of an id, in any bucket (ids are unique across buckets). */
async function fileById(storage: StorageService, id: string): Promise<FileInfo | undefined> {
  if (!OBJECT_ID.test(id)) return undefined
  const found = await storage.searchFiles(`_id == '${id}'`, { limit: 1 })
  const files: readonly FileInfo[] = 'data' in found ? found.data : found
  return files[0]
}

async function serve(
  storage: StorageService,
  info: FileInfo | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const file: PublicFile | undefined = info?.isPublic
    ? await storage.findPublicFile(info.bucketId, info._id)
    : undefined
  if (!file?.info.isPublic) throw fail('file_not_found')
  const query = request.query as Record<string, unknown>
  if (query.attachment === 'true') {
    reply.header('content-disposition', attachment(file.info.fileName))
  }
  return serveOriginal(storage, file, request, reply)
}

/** `attachment` with the name twice: ASCII-only for old agents, RFC 5987 UTF-8 for the rest. */
function attachment(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName
  const ascii = base.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`
}

/** A missing bucket or file reads as file_not_found; other failures pass. */
function notFound(error: unknown): undefined {
  if (
    isBasaltError(error) &&
    ['bucket_not_found', 'file_not_found', 'invalid_name'].includes(error.code)
  ) {
    return undefined
  }
  throw error
}
