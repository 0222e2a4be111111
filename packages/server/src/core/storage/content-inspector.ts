import { Transform } from 'node:stream'
import type { TransformCallback } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import { fail } from '../../tools/errors.js'

/** How many leading bytes are sniffed for a file signature (what file-type reads at most). */
export const SNIFF_BYTES = 4100

/** Declared types that say nothing: the client's default, a missing one, raw bytes. */
const VAGUE_TYPES = new Set(['', 'text/plain', 'application/octet-stream'])

// Names of one format: a declared alias matches the detected name.
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'video/mp4',
  'audio/mp4': 'video/mp4',
  'video/x-m4v': 'video/mp4',
  'audio/wave': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
}

function essence(type: string): string {
  const base = type.split(';')[0]!.trim().toLowerCase()
  return ALIASES[base] ?? base
}

/** Whether a declared type promises a format with a signature (checked against the bytes). */
function isStrictType(base: string): boolean {
  return /^(image|audio|video)\//.test(base) || base === 'application/pdf'
}

/**
 * Counts the bytes passing through (failing with file_too_large past the limit) and sniffs the
 * first SNIFF_BYTES for a signature, holding them back until it is known: a vague declared type
 * becomes the detected one; a media type the bytes contradict fails with content_type_mismatch.
 */
export class ContentInspector extends Transform {
  /** Bytes seen so far. */
  bytes = 0
  /** The MIME type to record, known once the stream has ended. */
  mimeType: string
  private head: Buffer[] = []
  private headBytes = 0
  private sniffed = false

  constructor(
    private readonly maxBytes: number,
    private readonly declared: string,
  ) {
    super()
    this.mimeType = declared.trim() === '' ? 'application/octet-stream' : declared
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length
    if (this.bytes > this.maxBytes) {
      done(
        fail('file_too_large', `The file is larger than ${this.maxBytes} bytes.`, {
          maxFileSizeBytes: this.maxBytes,
        }),
      )
      return
    }
    if (this.sniffed) return done(null, chunk)
    this.head.push(chunk)
    this.headBytes += chunk.length
    if (this.headBytes < SNIFF_BYTES) return done()
    this.sniff().then(() => done(), done)
  }

  override _flush(done: TransformCallback): void {
    if (this.sniffed) return done()
    this.sniff().then(() => done(), done)
  }

  private async sniff(): Promise<void> {
    this.sniffed = true
    const head = Buffer.concat(this.head)
    this.head = []
    const detected =
      head.length > 0 ? await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES)) : undefined
    const declared = essence(this.declared)
    if (detected && VAGUE_TYPES.has(declared)) this.mimeType = detected.mime
    if (detected && isStrictType(declared) && essence(detected.mime) !== declared) {
      throw fail('content_type_mismatch', `The content is ${detected.mime}, not ${declared}.`, {
        declared: this.declared,
        detected: detected.mime,
      })
    }
    if (head.length > 0) this.push(head)
  }
}
