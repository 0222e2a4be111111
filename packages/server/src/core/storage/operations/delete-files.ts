import type { Queryable } from '../../../adapters/database/database.js'
import { fail } from '../../../tools/errors.js'
import { isObjectId } from '../../../tools/ids.js'
import { forget } from '../storage-blobs.js'
import type { StorageContext } from '../storage-context.js'
import { getBucketFile, getBucketRow } from '../storage-lookup.js'
import { ROOT_BUCKET } from '../storage-types.js'

/**
 * Deletes the file rows a condition selects and lists their contents as garbage, in one
 * statement; answers the content keys (to delete once committed).
 */
async function deleteRows(db: Queryable, where: string, params: unknown[]): Promise<string[]> {
  const rows = await db.query<{ key: string }>(
    `WITH gone AS (DELETE FROM basalt.storage_files WHERE ${where} RETURNING content_key),
          marked AS (INSERT INTO basalt.storage_garbage (key, reason)
                     SELECT content_key, 'deleted' FROM gone
                     ON CONFLICT (key) DO UPDATE SET reason = 'deleted')
     SELECT content_key AS key FROM gone`,
    params,
  )
  return rows.map((row) => row.key)
}

/** Deletes every file of a bucket (root included). */
export async function emptyBucket(context: StorageContext, bucket: string): Promise<void> {
  const row = await getBucketRow(context.db, bucket)
  await forget(context, await deleteRows(context.db, '"bucketId" = $1', [row._id]))
}

/** Deletes a bucket and its files; root → root_bucket_protected. */
export async function deleteBucket(context: StorageContext, bucket: string): Promise<void> {
  const row = await getBucketRow(context.db, bucket)
  if (row._id === ROOT_BUCKET._id) {
    throw fail('root_bucket_protected', 'The root bucket cannot be deleted.')
  }
  const keys = await context.db.transaction(async (tx) => {
    // Locked first: an upload committing into the bucket waits, then finds it gone.
    await getBucketRow(tx, row._id, 'FOR UPDATE')
    const keys = await deleteRows(tx, '"bucketId" = $1', [row._id])
    await tx.query('DELETE FROM basalt.storage_buckets WHERE "_id" = $1', [row._id])
    return keys
  })
  await forget(context, keys)
}

/** Deletes files by names or ids; names that match nothing are skipped. */
export async function deleteFiles(
  context: StorageContext,
  bucket: string,
  namesOrIds: readonly string[],
): Promise<void> {
  const row = await getBucketRow(context.db, bucket)
  if (namesOrIds.length === 0) return
  const keys = await deleteRows(
    context.db,
    '"bucketId" = $1 AND ("_id" = ANY($2::text[]) OR "fileName" = ANY($2::text[]))',
    [row._id, [...namesOrIds]],
  )
  await forget(context, keys)
}

/** Deletes one file; file_not_found when there is none. */
export async function deleteFile(
  context: StorageContext,
  bucket: string,
  file: string,
): Promise<void> {
  const found = await getBucketFile(context.db, bucket, file)
  const keys = await deleteRows(context.db, '"_id" = $1', [found.file._id])
  if (keys.length === 0) throw fail('file_not_found', `There is no file '${file}'.`, { file })
  await forget(context, keys)
}

/** Deletes the file of a public URL or path (its last two segments: bucket id, file id). */
export async function deleteFileByUrl(context: StorageContext, fileUrl: string): Promise<void> {
  const path = fileUrl.split(/[?#]/)[0]!.replace(/\/+$/, '')
  const [bucketId, fileId] = path.split('/').slice(-2)
  if (!isObjectId(bucketId) || !isObjectId(fileId)) {
    throw fail('file_not_found', 'No file has that URL.', { fileUrl })
  }
  const keys = await deleteRows(context.db, '"bucketId" = $1 AND "_id" = $2', [bucketId, fileId])
  if (keys.length === 0) throw fail('file_not_found', 'No file has that URL.', { fileUrl })
  await forget(context, keys)
}
