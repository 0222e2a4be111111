import type { Queryable } from '../../../adapters/database/database.js'
import { fail, isBasaltError } from '../../../tools/errors.js'
import { newObjectId } from '../../../tools/ids.js'
import { etagOf, forget, newContentKey, storeContent } from '../storage-blobs.js'
import type { StorageContext } from '../storage-context.js'
import { findBucket, getBucketRow } from '../storage-lookup.js'
import { checkName, withFreeName } from '../storage-names.js'
import { FILE_COLUMNS, fileInfo, publicPathOf } from '../storage-rows.js'
import type { BucketRow } from '../storage-rows.js'
import type { FileInfo, StorageCaller, UploadInput } from '../storage-types.js'
import { createBucket, uniqueTags } from './create-bucket.js'

/** A new file row, before its name is chosen. */
export interface NewFile {
  readonly _id: string
  readonly bucketId: string
  readonly size: number
  readonly encoding: string
  readonly mimeType: string
  readonly isPublic: boolean
  readonly userId: string | null
  readonly tags: readonly string[]
  readonly contentKey: string
}

/** Stores a new file (a unique name `name (1).ext` when the name is taken). */
export async function uploadFile(
  context: StorageContext,
  caller: StorageCaller,
  input: UploadInput,
): Promise<FileInfo> {
  checkName(input.fileName, 'file')
  const bucket = await uploadBucket(context, caller, input)
  const fileId = newObjectId()
  const key = newContentKey(fileId)
  const stored = await storeContent(context, key, input.content)
  const file: NewFile = {
    _id: fileId,
    bucketId: bucket._id,
    size: stored.size,
    encoding: input.content.encoding,
    mimeType: stored.mimeType,
    isPublic: input.isPublic ?? bucket.isPublic,
    userId: caller.userId,
    tags: uniqueTags(input.tags ?? []),
    contentKey: key,
  }
  return commitNewFile(context, file, input.fileName)
}

/** The target bucket of an upload, created first when asked and missing. */
async function uploadBucket(
  context: StorageContext,
  caller: StorageCaller,
  input: UploadInput,
): Promise<BucketRow> {
  const found = await findBucket(context.db, input.bucket)
  if (found || !input.createBucket) return found ?? getBucketRow(context.db, input.bucket)
  try {
    await createBucket(context, caller, input.bucket, true, [])
  } catch (error) {
    // A concurrent upload may have created it: that bucket is as good.
    if (!isBasaltError(error) || error.code !== 'bucket_already_exists') throw error
  }
  return getBucketRow(context.db, input.bucket)
}

/**
 * Inserts the row of stored content under a free name and removes the key from the garbage,
 * in one transaction; on failure the content is deleted.
 */
export async function commitNewFile(
  context: StorageContext,
  file: NewFile,
  name: string,
): Promise<FileInfo> {
  try {
    const row = await context.db.transaction(async (tx) => {
      const bucket = await tx.query(
        'SELECT 1 FROM basalt.storage_buckets WHERE "_id" = $1 FOR SHARE',
        [file.bucketId],
      )
      if (bucket.length === 0) throw fail('bucket_not_found', 'The bucket was deleted.')
      const inserted = await withFreeName(tx, file.bucketId, name, (candidate) =>
        insertFile(context, tx, file, candidate),
      )
      await tx.query('DELETE FROM basalt.storage_garbage WHERE key = $1', [file.contentKey])
      return inserted
    })
    return fileInfo(context, row)
  } catch (error) {
    await forget(context, [file.contentKey])
    throw error
  }
}

/** Inserts a file row; undefined when the name is taken (the UNIQUE index said so). */
async function insertFile(
  context: StorageContext,
  tx: Queryable,
  file: NewFile,
  name: string,
): Promise<Record<string, unknown> | undefined> {
  const [row] = await tx.query(
    `INSERT INTO basalt.storage_files AS t ("_id", "bucketId", "fileName", "size", "encoding",
       "mimeType", "isPublic", "publicPath", "userId", "tags", content_key, etag)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12)
     ON CONFLICT ("bucketId", "fileName") DO NOTHING RETURNING ${FILE_COLUMNS}`,
    [
      file._id,
      file.bucketId,
      name,
      file.size,
      file.encoding,
      file.mimeType,
      file.isPublic,
      publicPathOf(context, file.bucketId, file._id),
      file.userId,
      file.tags,
      file.contentKey,
      etagOf(file.contentKey),
    ],
  )
  return row
}
