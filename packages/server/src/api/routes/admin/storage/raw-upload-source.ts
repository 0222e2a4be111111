import { Readable, Transform } from 'node:stream'
import type { FastifyRequest } from 'fastify'
import type { UploadContent } from '../../../../core/storage/storage-types.js'
import { fail } from '../../../../tools/errors.js'
import type { BasaltError } from '../../../../tools/errors.js'
import type { UploadSource } from '../../storage/upload-input.js'

/**
 * The raw body of an admin upload, streamed as it arrives whatever its content type (JSON
 * included: it is a file's content here, never decoded), with file_too_large past the limit.
 * The content type is the caller's to set on the content.
 */
export function rawUploadSource(request: FastifyRequest, maxFileSizeBytes: number): UploadSource {
  const input = request.body instanceof Readable ? request.body : request.raw
  let failure: BasaltError | undefined
  const remember = (error: BasaltError) => (failure ??= error)
  const tooLarge = () => fail('file_too_large', undefined, { maxFileSizeBytes })
  const open = async (): Promise<UploadContent> => {
    const declared = Number(request.headers['content-length'])
    if (Number.isFinite(declared) && declared > maxFileSizeBytes) throw remember(tooLarge())
    let seen = 0
    const body = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length
        if (seen > maxFileSizeBytes) return callback(remember(tooLarge()))
        callback(null, chunk)
      },
    })
    // The service listens once it reads; until then a failure is remembered, not uncaught.
    body.on('error', () => undefined)
    input.on('error', (error) =>
      body.destroy(
        remember(fail('invalid_upload', 'The upload ended early.', { reason: error.message })),
      ),
    )
    input.pipe(body)
    return { body, contentType: 'application/octet-stream', encoding: 'binary' }
  }
  return {
    open,
    failure: () => failure,
    abandon: () => {
      input.unpipe()
      input.resume()
    },
  }
}
