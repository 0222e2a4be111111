import { Readable, Transform } from 'node:stream'
import busboy from 'busboy'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { StorageCaller, UploadContent } from '../../../core/storage/storage-types.js'
import { fail, isBasaltError } from '../../../tools/errors.js'
import type { BasaltError } from '../../../tools/errors.js'

/** Route options shared by the upload, replace and download routes. */
export const STORAGE_ROUTE = { config: { module: 'storage' as const } }

/** The MIME type of `*-object` uploads whose options name none (the client's default). */
export const DEFAULT_CONTENT_TYPE = 'text/plain;charset=UTF-8'

/**
 * The most JSON text an `*-object` upload may send: the Altogic client encodes bytes as JSON
 * numbers (up to ~4 characters per byte for a Buffer), and decoding holds the whole value in
 * memory several times over, so the cap stays well below the file size limit of big files.
 */
export const MAX_JSON_OBJECT_BYTES = 64 * 1024 * 1024

/** Multipart parts besides the file are small text fields (the client sends none). */
const FORM_LIMITS = { fields: 20, fieldSize: 64 * 1024, parts: 40, headerPairs: 40 }

/** The `options` query parameter of the four upload routes (protocol §4.4). */
export const uploadOptionsSchema = z.object({
  contentType: z.string().nullish(),
  isPublic: z.boolean().nullish(),
  createBucket: z.boolean().nullish(),
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
})

/** What the query string of an upload or replace says. */
export interface UploadQuery {
  readonly bucket: string
  /** `fileName` (upload) or `file` (replace). */
  readonly name: string
  readonly contentType: string
  readonly isPublic: boolean | undefined
  readonly createBucket: boolean | undefined
  readonly tags: readonly string[] | undefined
}

/** Reads `bucket` (default root), the file name or id, and the JSON `options`. */
export function parseUploadQuery(
  request: FastifyRequest,
  nameKey: 'fileName' | 'file',
): UploadQuery {
  const query = (request.query ?? {}) as Record<string, unknown>
  const options = parseOptions(firstString(query.options))
  const tags = options.tags
  return {
    bucket: firstString(query.bucket) || 'root',
    name: firstString(query[nameKey]) ?? '',
    contentType: options.contentType || DEFAULT_CONTENT_TYPE,
    isPublic: options.isPublic ?? undefined,
    createBucket: options.createBucket ?? undefined,
    tags: tags === null || tags === undefined ? undefined : [tags].flat(),
  }
}

function parseOptions(text: string | undefined): z.output<typeof uploadOptionsSchema> {
  return parseJsonOptions(uploadOptionsSchema, text)
}

/**
 * The JSON `options` query parameter of an upload, checked by `schema`: absent, blank or `null`
 * → `{}`; not JSON → invalid_upload; not matching → validation_error.
 */
export function parseJsonOptions<S extends z.ZodType<object>>(
  schema: S,
  text: string | undefined,
): Partial<z.output<S>> {
  if (text === undefined || text.trim() === '' || text === 'null') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw fail('invalid_upload', 'The options query parameter is not valid JSON.')
  }
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({
    path: ['options', ...issue.path].join('/'),
    message: issue.message,
  }))
  throw fail('validation_error', 'The upload options are not valid.', { issues })
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value
  return typeof first === 'string' ? first : undefined
}

/** Who uploads: the request's session user, if any. */
export function callerOf(request: FastifyRequest): StorageCaller {
  return { userId: request.session?.userId ?? null }
}

/**
 * Makes the routes of an encapsulated scope get the request stream as their body, unread, so
 * that no body limit applies and uploads stream to the store (the service limits the size).
 */
export function acceptStreamedBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers()
  scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload))
}

/** The content of one upload request, opened by a route and cleaned up on failure. */
export interface UploadSource {
  /** The content to hand to the service; rejects when the body holds none. */
  open(): Promise<UploadContent>
  /** The first failure the request's own streams raised (size limit, malformed form). */
  failure(): BasaltError | undefined
  /** Stops parsing the body after a failure; the rest of the request is discarded. */
  abandon(): void
}

/** Runs a service call on an upload's content; on failure, releases the request body. */
export async function runUpload<T>(
  reply: FastifyReply,
  source: UploadSource,
  call: (content: UploadContent) => Promise<T>,
): Promise<T> {
  try {
    return await call(await source.open())
  } catch (error) {
    const failure = source.failure()
    source.abandon()
    if (!reply.request.raw.readableEnded) reply.header('connection', 'close')
    throw failure ?? error
  }
}

/** The unread request body (an empty stream when the request has none). */
function requestStream(request: FastifyRequest): Readable {
  return request.body instanceof Readable ? request.body : request.raw
}

/** Discards the rest of a request body without parsing it. */
function discard(input: Readable): void {
  input.unpipe()
  input.resume()
}

/**
 * The stream handed to the service: a pass-through that fails with file_too_large past
 * `maxBytes`. The service listens for its errors only once it starts reading (after a database
 * call), so a listener here keeps an early failure from being an uncaught 'error' event; the
 * failure itself is remembered and answered by runUpload.
 */
function sizeLimit(maxBytes: number, remember: (error: BasaltError) => BasaltError): Transform {
  let seen = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length
      if (seen > maxBytes) return callback(remember(tooLarge(maxBytes)))
      callback(null, chunk)
    },
  })
  return stream.on('error', () => undefined)
}

function tooLarge(maxBytes: number): BasaltError {
  return fail('file_too_large', undefined, { maxFileSizeBytes: maxBytes })
}

/** Remembers the first failure of a request's streams. */
function failureMemory() {
  let first: BasaltError | undefined
  return {
    remember: (error: BasaltError) => (first ??= error),
    failure: () => first,
  }
}

/**
 * A `multipart/form-data` upload: the first file part (the client names it `file`), streamed
 * as it arrives. Not multipart, no boundary, no file part or a malformed form: invalid_upload.
 */
export function multipartSource(
  request: FastifyRequest,
  maxFileSizeBytes: number,
  fallbackType: string,
): UploadSource {
  const input = requestStream(request)
  const memory = failureMemory()
  let form: busboy.Busboy | undefined
  const open = () =>
    new Promise<UploadContent>((resolve, reject) => {
      try {
        form = busboy({
          headers: request.headers,
          limits: { ...FORM_LIMITS, files: 1, fileSize: maxFileSizeBytes + 1 },
        })
      } catch (error) {
        return reject(memory.remember(notMultipart(error)))
      }
      let found = false
      form.on('file', (_name, file, info) => {
        found = true
        const body = sizeLimit(maxFileSizeBytes, memory.remember)
        file.on('limit', () => body.destroy(memory.remember(tooLarge(maxFileSizeBytes))))
        file.on('error', (error: Error) => body.destroy(memory.remember(malformed(error))))
        file.pipe(body)
        const contentType = info.mimeType || fallbackType
        resolve({ body, contentType, encoding: info.encoding || '7bit' })
      })
      form.on('error', (error: Error) => reject(memory.remember(malformed(error))))
      form.on('close', () => {
        if (!found) reject(memory.remember(fail('invalid_upload', 'The form has no file part.')))
      })
      input.on('error', (error) => form?.destroy(error))
      input.pipe(form)
    })
  return {
    open,
    failure: memory.failure,
    abandon: () => {
      discard(input)
      form?.destroy()
    },
  }
}

function notMultipart(error: unknown): BasaltError {
  const reason = error instanceof Error ? error.message : String(error)
  return fail('invalid_upload', 'The body is not a multipart/form-data upload.', { reason })
}

function cutOff(error: Error): BasaltError {
  return fail('invalid_upload', 'The upload ended before its body did.', { reason: error.message })
}

function malformed(error: Error): BasaltError {
  if (isBasaltError(error)) return error
  return fail('invalid_upload', 'The multipart body is malformed.', { reason: error.message })
}

/**
 * An `*-object` upload: a JSON body (what the Altogic client sends) is decoded by
 * decodeObjectBody; any other body is stored as is, streamed.
 */
export function objectSource(
  request: FastifyRequest,
  maxFileSizeBytes: number,
  contentType: string,
): UploadSource {
  const input = requestStream(request)
  const memory = failureMemory()
  const open = async (): Promise<UploadContent> => {
    if (isJsonRequest(request)) {
      const limit = Math.min(maxFileSizeBytes * 4 + 1024, MAX_JSON_OBJECT_BYTES)
      const bytes = decodeObjectBody(await readAll(input, declaredLength(request), limit))
      if (bytes.length > maxFileSizeBytes) throw memory.remember(tooLarge(maxFileSizeBytes))
      return { body: Readable.from([bytes]), contentType, encoding: 'binary' }
    }
    if (declaredLength(request) > maxFileSizeBytes) {
      throw memory.remember(tooLarge(maxFileSizeBytes))
    }
    const body = sizeLimit(maxFileSizeBytes, memory.remember)
    input.on('error', (error) => body.destroy(memory.remember(cutOff(error))))
    input.pipe(body)
    return { body, contentType, encoding: 'binary' }
  }
  return { open, failure: memory.failure, abandon: () => discard(input) }
}

function isJsonRequest(request: FastifyRequest): boolean {
  const type = request.headers['content-type']
  return type?.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

function declaredLength(request: FastifyRequest): number {
  const length = Number(request.headers['content-length'])
  return Number.isFinite(length) ? length : 0
}

/**
 * Buffers a body of at most `limit` bytes (payload_too_large beyond). Events, not `for await`:
 * leaving an async iteration early would destroy the request, and with it the socket.
 */
function readAll(input: Readable, declared: number, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declared > limit) return reject(fail('payload_too_large', undefined, { limitBytes: limit }))
    const chunks: Buffer[] = []
    let total = 0
    const stop = (error: Error | undefined) => {
      input.off('data', onData).off('end', onEnd).off('error', stop)
      if (error) reject(error)
      else resolve(Buffer.concat(chunks))
    }
    const onEnd = () => stop(undefined)
    const onData = (chunk: Buffer) => {
      total += chunk.length
      if (total <= limit) return void chunks.push(chunk)
      input.pause()
      stop(fail('payload_too_large', undefined, { limitBytes: limit }))
    }
    input.on('data', onData).on('end', onEnd).on('error', stop)
  })
}

/**
 * The bytes a JSON-encoded `*-object` body stands for (protocol §4.4): a JSON string → its
 * UTF-8 bytes; `{type: 'Buffer', data}` → those bytes; an object keyed "0".."n-1" (n ≥ 1) with
 * byte values (a TypedArray) → those bytes; anything else, unparsable text included → the body
 * as sent (which is the value's JSON text for the Altogic client).
 */
export function decodeObjectBody(raw: Buffer): Buffer {
  let value: unknown
  try {
    value = JSON.parse(raw.toString('utf8'))
  } catch {
    return raw
  }
  if (typeof value === 'string') return Buffer.from(value, 'utf8')
  return byteValues(value) ?? raw
}

function byteValues(value: unknown): Buffer | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 2 && record.type === 'Buffer' && Array.isArray(record.data)) {
    return toBytes(record.data as unknown[])
  }
  if (keys.length === 0 || !keys.every((key, index) => key === String(index))) return undefined
  return toBytes(keys.map((key) => record[key]))
}

function toBytes(values: readonly unknown[]): Buffer | undefined {
  const isByte = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255
  return values.every(isByte) ? Buffer.from(values as number[]) : undefined
}
