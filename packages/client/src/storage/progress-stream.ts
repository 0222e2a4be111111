import type { ProgressCallback } from '../xhr-upload.js'

/** Size of the pieces a progress stream hands out. */
const CHUNK_SIZE = 64 * 1024

/**
 * A stream of `bytes` in 64 KiB pieces that calls `onProgress(sent, total, percent)` as each
 * piece is taken by the reader (fetch takes the next one as the socket accepts the last one).
 * Errors thrown by the callback are ignored, as a browser ignores them in XHR progress events.
 */
export function progressStream(
  bytes: Uint8Array<ArrayBuffer>,
  onProgress: ProgressCallback,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  const total = bytes.byteLength
  let sent = 0
  const report = () => {
    try {
      onProgress(sent, total, Math.round((sent / total) * 100))
    } catch {
      // a failing progress display must not fail the upload
    }
  }
  const source: UnderlyingDefaultSource<Uint8Array<ArrayBuffer>> = {
    pull(controller) {
      if (sent >= total) return controller.close()
      const end = Math.min(sent + CHUNK_SIZE, total)
      controller.enqueue(bytes.subarray(sent, end))
      sent = end
      report()
    },
  }
  return new ReadableStream(source, { highWaterMark: 0 }) // read only on demand
}
