import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { StorageService } from '../../../../core/storage/storage-service.js'
import type { StorageCaller, UploadContent } from '../../../../core/storage/storage-types.js'
import { fail } from '../../../../tools/errors.js'
import {
  acceptStreamedBodies,
  multipartSource,
  parseJsonOptions,
  runUpload,
} from '../../storage/upload-input.js'
import type { AgnostCredentialDeps } from '../agnost-credentials.js'
import { addAgnostCredentialHook } from '../agnost-credentials.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'
import { toAgnostFile } from './agnost-file.js'

const optionsSchema = z.object({
  isPublic: z.boolean().nullish(),
  upsert: z.boolean().nullish(),
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
})

type UploadOptions = Partial<z.output<typeof optionsSchema>>

interface UploadParams {
  storage: string
  bucket: string
}

/**
 * POST /agnost/storage/:storage/bucket/:bucket/upload-formdata?fileName=&options=: stores the
 * multipart `file` part, streamed. `storage` is only echoed back (Basalt has one store); a
 * missing bucket is created; a taken name is replaced with `upsert: true`, else 409
 * file_already_exists. HTTP 200 with the Agnost file shape.
 */
export function agnostUploadFormdataRoute(
  app: FastifyInstance,
  storage: StorageService,
  credentials: AgnostCredentialDeps,
): void {
  void app.register(async (scope) => {
    acceptStreamedBodies(scope)
    addAgnostCredentialHook(scope, credentials)
    const url = `${AGNOST_PREFIX}/storage/:storage/bucket/:bucket/upload-formdata`
    // As on Agnost, only the API key counts: a stale Session header does not fail an upload.
    scope.post<{ Params: UploadParams }>(url, { config: { session: 'none' } }, (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>
      const fileName = firstString(query.fileName) ?? ''
      const options = parseJsonOptions(optionsSchema, firstString(query.options))
      const { bucket } = request.params
      const source = multipartSource(request, storage.maxFileSizeBytes, 'application/octet-stream')
      return runUpload(reply, source, async (content) => {
        const info = await store(storage, bucket, fileName, options, {
          content,
          caller: { userId: null },
        })
        return toAgnostFile(info, request.params.storage)
      })
    })
  })
}

/** Replaces the file of that name (upsert) or stores a new one; a taken name without upsert: 409. */
async function store(
  storage: StorageService,
  bucket: string,
  fileName: string,
  options: UploadOptions,
  input: { content: UploadContent; caller: StorageCaller },
) {
  const tags =
    options.tags === null || options.tags === undefined ? undefined : [options.tags].flat()
  const isPublic = options.isPublic ?? undefined
  const exists =
    fileName !== '' &&
    (await storage.bucketExists(bucket)) &&
    (await storage.fileExists(bucket, fileName))
  if (exists && !options.upsert) {
    throw fail('file_already_exists', undefined, { bucket, fileName })
  }
  if (exists) {
    return storage.replace({ bucket, file: fileName, content: input.content, isPublic, tags })
  }
  return storage.upload(input.caller, {
    bucket,
    fileName,
    content: input.content,
    isPublic,
    tags,
    createBucket: true,
  })
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value
  return typeof first === 'string' ? first : undefined
}
