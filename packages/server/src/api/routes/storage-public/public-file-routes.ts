import type { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { StorageService } from '../../../core/storage/storage-service.js'
import type { PublicFile } from '../../../core/storage/storage-types.js'
import { createImageTransformer } from '../../../core/storage/transform/image-transformer.js'
import type { ImageTransformer } from '../../../core/storage/transform/image-transformer.js'
import { parseTransformSpec } from '../../../core/storage/transform/transform-spec.js'
import { transformPublicFile } from '../../../core/storage/transform/transform-public-file.js'
import { fail } from '../../../tools/errors.js'
import { isNotModified, requestedRange } from './http-conditions.js'

/**
 * Public files may be cached for a minute, then revalidated (a cheap 304 by ETag): the URL
 * stays the same when the content is replaced or the file made private, so a long or
 * `immutable` lifetime would keep serving old or withdrawn content from caches.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60'

/** Options of the public file routes. */
export interface PublicFileOptions {
  /** The first segment of public paths (`/_storage/<appSlug>/...`). */
  readonly appSlug: string
  /** The image transformer; a sharp one with the default limits when absent. */
  readonly transformer?: ImageTransformer
}

interface PublicParams {
  app: string
  bucketId: string
  fileId: string
}

/**
 * GET and HEAD /_storage/:app/:bucketId/:fileId (no client key): a public file's bytes, with
 * validators, conditional requests and single ranges; `?width&height&format` transforms an
 * image. Private and unknown files are both file_not_found.
 */
export function registerPublicFileRoutes(
  app: FastifyInstance,
  storage: StorageService,
  options: PublicFileOptions,
): void {
  const transformer = options.transformer ?? createImageTransformer()
  app.route<{ Params: PublicParams }>({
    method: ['GET', 'HEAD'],
    url: '/_storage/:app/:bucketId/:fileId',
    handler: async (request, reply) => {
      const { app: slug, bucketId, fileId } = request.params
      const file = slug === options.appSlug ? await storage.findPublicFile(bucketId, fileId) : null
      if (!file?.info.isPublic) throw fail('file_not_found')
      const spec = parseTransformSpec(request.query as Record<string, unknown>)
      if (!spec) return serveOriginal(storage, file, request, reply)
      // Headers only once the answer is known good: errors must not be cached as public.
      const image = await transformPublicFile(storage, transformer, file, spec)
      setCommonHeaders(reply, file)
      reply.header('etag', image.etag).header('accept-ranges', 'none')
      if (isNotModified(request.headers, image.etag, lastModifiedOf(file))) {
        image.content.body.destroy()
        return reply.code(304).send()
      }
      reply.header('content-type', image.mimeType).header('content-length', image.content.size)
      return sendBody(request, reply, image.content.body)
    },
  })
}

/** The untransformed file: 304, 206 for a single range, 416, or 200 with every byte. */
export async function serveOriginal(
  storage: StorageService,
  file: PublicFile,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const lastModified = lastModifiedOf(file)
  setCommonHeaders(reply, file)
  reply.header('etag', file.etag).header('accept-ranges', 'bytes')
  if (isNotModified(request.headers, file.etag, lastModified)) return reply.code(304).send()
  const size = file.info.size
  const wanted = requestedRange(request.headers, size, file.etag, lastModified)
  if (wanted.kind === 'unsatisfiable') return sendUnsatisfiable(reply, size)
  reply.header('content-type', file.info.mimeType)
  if (wanted.kind === 'whole') {
    reply.header('content-length', size)
    if (request.method === 'HEAD') return reply.send()
    return reply.send((await storage.readContent(file.contentKey)).body)
  }
  const { start, end } = wanted.range
  reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${size}`)
    .header('content-length', end - start + 1)
  if (request.method === 'HEAD') return reply.send()
  return reply.send((await storage.readContent(file.contentKey, wanted.range)).body)
}

/**
 * Headers of every answer about a public file. `sandbox` keeps uploaded HTML and SVG from
 * running scripts in the server's origin; `nosniff` keeps browsers to the stored MIME type.
 */
function setCommonHeaders(reply: FastifyReply, file: PublicFile): void {
  reply
    .header('cache-control', PUBLIC_CACHE_CONTROL)
    .header('last-modified', lastModifiedOf(file).toUTCString())
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .header('cross-origin-resource-policy', 'cross-origin')
}

function lastModifiedOf(file: PublicFile): Date {
  return new Date(file.info.updatedAt)
}

function sendBody(request: FastifyRequest, reply: FastifyReply, body: Readable): FastifyReply {
  if (request.method !== 'HEAD') return reply.send(body)
  body.destroy()
  return reply.send()
}

/** 416 with `Content-Range: bytes *\/size` and the JSON envelope (no catalog code is 416). */
function sendUnsatisfiable(reply: FastifyReply, size: number): FastifyReply {
  const entry = fail('range_not_satisfiable', undefined, { size }).toEntry()
  return reply
    .code(416)
    .header('content-range', `bytes */${size}`)
    .type('application/json; charset=utf-8')
    .send({ errors: [entry] })
}
