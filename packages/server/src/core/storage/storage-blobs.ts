import { createHash, randomBytes } from 'node:crypto'
import { pipeline } from 'node:stream'
import { Readable } from 'node:stream'
import { BlobNotFoundError } from '../../adapters/storage/blob-store.js'
import type { BlobContent, ByteRange } from '../../adapters/storage/blob-store.js'
import { fail, isBasaltError } from '../../tools/errors.js'
import { ContentInspector } from './content-inspector.js'
import type { StorageContext } from './storage-context.js'
import type { UploadContent } from './storage-types.js'

/** A fresh blob key of a file's content: `<fileId>/<version>`. */
export function newContentKey(fileId: string): string {
  return `${fileId}/${randomBytes(12).toString('hex')}`
}

/** The quoted ETag of a content key: its version. */
export function etagOf(contentKey: string): string {
  return `"${contentKey.slice(contentKey.lastIndexOf('/') + 1)}"`
}

/** The blob key of a cached transform of a content key. */
export function variantKey(contentKey: string, variant: string): string {
  return `cache/${contentKey}/${createHash('sha256').update(variant).digest('hex').slice(0, 32)}`
}

/** Runs a blob store call: failures other than BlobNotFoundError become storage_unavailable. */
export async function blobCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof BlobNotFoundError || isBasaltError(error)) throw error
    throw storeFailure(error)
  }
}

/** storage_unavailable for a failure of the blob store (kept as the cause, not on the wire). */
function storeFailure(error: unknown): Error {
  return Object.assign(fail('storage_unavailable', 'The file store failed.'), { cause: error })
}

/** Reads a blob; a missing one is file_not_found. */
export async function readBlob(
  context: StorageContext,
  key: string,
  range?: ByteRange,
): Promise<BlobContent> {
  try {
    return await blobCall(() => context.blobs.get(key, range))
  } catch (error) {
    if (error instanceof BlobNotFoundError)
      throw fail('file_not_found', 'The file content is gone.')
    throw error
  }
}

/** Registers a key as garbage until the transaction that commits its file removes the row. */
export async function markUpload(context: StorageContext, key: string): Promise<void> {
  await context.db.query(`INSERT INTO basalt.storage_garbage (key, reason) VALUES ($1, 'upload')`, [
    key,
  ])
}

/**
 * Streams content to a fresh key (registered as garbage first): answers its size and the MIME
 * type to record. Past the size limit or on a type mismatch nothing is stored and the garbage
 * row is removed; a store failure leaves the row for the sweep.
 */
export async function storeContent(
  context: StorageContext,
  key: string,
  content: UploadContent,
): Promise<{ size: number; mimeType: string }> {
  // Piped first: an error of the body is held by the pipeline, never left unhandled.
  const inspector = new ContentInspector(context.maxFileSizeBytes, content.contentType)
  pipeline(content.body, inspector, () => undefined)
  try {
    await markUpload(context, key)
  } catch (error) {
    inspector.destroy()
    throw error
  }
  try {
    await context.blobs.put(key, inspector, { contentType: inspector.mimeType })
  } catch (error) {
    if (isBasaltError(error) || content.body.errored) {
      await forget(context, [key])
      throw error
    }
    throw storeFailure(error)
  }
  return { size: inspector.bytes, mimeType: inspector.mimeType }
}

/** Deletes blobs (and their cached transforms), then their garbage rows; best effort. */
export async function forget(context: StorageContext, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return
  try {
    await deleteBlobs(context, keys)
    await context.db.query(`DELETE FROM basalt.storage_garbage WHERE key = ANY($1::text[])`, [keys])
  } catch {
    // The garbage rows stay: sweepGarbage deletes what is left.
  }
}

/** A buffer as blob content. */
export function bufferContent(buffer: Buffer): BlobContent {
  return { body: Readable.from([buffer]), size: buffer.length }
}

/** How many cache prefixes are deleted at once (each may be a listing on S3). */
const PREFIX_CONCURRENCY = 8

/** Deletes blobs and the cached transforms of each (`cache/<key>/`). */
export async function deleteBlobs(context: StorageContext, keys: readonly string[]): Promise<void> {
  await context.blobs.delete(keys)
  for (let i = 0; i < keys.length; i += PREFIX_CONCURRENCY) {
    const batch = keys.slice(i, i + PREFIX_CONCURRENCY)
    await Promise.all(batch.map((key) => context.blobs.deletePrefix(`cache/${key}/`)))
  }
}
