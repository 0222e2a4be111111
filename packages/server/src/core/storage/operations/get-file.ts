import { Readable } from 'node:stream'
import { BlobNotFoundError } from '../../../adapters/storage/blob-store.js'
import type { BlobContent, ByteRange } from '../../../adapters/storage/blob-store.js'
import { isBasaltError } from '../../../tools/errors.js'
import { isObjectId } from '../../../tools/ids.js'
import { blobCall, bufferContent, readBlob, variantKey } from '../storage-blobs.js'
import type { StorageContext } from '../storage-context.js'
import { findBucket, findFile, getBucketFile } from '../storage-lookup.js'
import { FILE_COLUMNS, fileInfo } from '../storage-rows.js'
import type { FileRow } from '../storage-rows.js'
import type { FileInfo, OpenFile, PublicFile } from '../storage-types.js'

/** A file's metadata. */
export async function getFile(
  context: StorageContext,
  bucket: string,
  file: string,
): Promise<FileInfo> {
  return fileInfo(context, (await getBucketFile(context.db, bucket, file)).file)
}

/** Whether the bucket holds the file (false when the bucket does not exist either). */
export async function fileExists(
  context: StorageContext,
  bucket: string,
  file: string,
): Promise<boolean> {
  const row = await findBucket(context.db, bucket)
  return row !== undefined && (await findFile(context.db, row._id, file)) !== undefined
}

/** A file's content for download (a range of it when asked). */
export async function openFile(
  context: StorageContext,
  bucket: string,
  file: string,
  range?: ByteRange,
): Promise<OpenFile> {
  // A replace may delete the content between the read of the row and of the blob: read again.
  for (let attempt = 0; ; attempt += 1) {
    const row = (await getBucketFile(context.db, bucket, file)).file
    try {
      const content = await readBlob(context, row.content_key, range)
      return { info: fileInfo(context, row), etag: row.etag, content }
    } catch (error) {
      if (attempt > 0 || !isBasaltError(error) || error.code !== 'file_not_found') throw error
    }
  }
}

/** The file at a public path, found by ids, or undefined. */
export async function findPublicFile(
  context: StorageContext,
  bucketId: string,
  fileId: string,
): Promise<PublicFile | undefined> {
  if (!isObjectId(bucketId) || !isObjectId(fileId)) return undefined
  const [row] = await context.db.query<FileRow>(
    `SELECT ${FILE_COLUMNS} FROM basalt.storage_files t WHERE t."_id" = $1 AND t."bucketId" = $2`,
    [fileId, bucketId],
  )
  if (!row) return undefined
  return { info: fileInfo(context, row), etag: row.etag, contentKey: row.content_key }
}

/** A blob by key; file_not_found when it is gone. */
export function readContent(
  context: StorageContext,
  contentKey: string,
  range?: ByteRange,
): Promise<BlobContent> {
  return readBlob(context, contentKey, range)
}

/**
 * A cached transform of a file's content, made and stored on first use. Cache keys live under
 * `cache/<contentKey>/`, deleted with the content.
 */
export async function cachedVariant(
  context: StorageContext,
  file: PublicFile,
  variant: string,
  make: () => Promise<Buffer>,
): Promise<BlobContent> {
  const key = variantKey(file.contentKey, variant)
  try {
    return await blobCall(() => context.blobs.get(key))
  } catch (error) {
    if (!(error instanceof BlobNotFoundError)) throw error
  }
  const made = await make()
  await blobCall(() => context.blobs.put(key, Readable.from([made])))
  return bufferContent(made)
}
