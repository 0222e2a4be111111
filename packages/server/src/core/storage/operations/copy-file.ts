import { BlobNotFoundError } from '../../../adapters/storage/blob-store.js'
import { fail } from '../../../tools/errors.js'
import { newObjectId } from '../../../tools/ids.js'
import { blobCall, forget, markUpload, newContentKey } from '../storage-blobs.js'
import type { StorageContext } from '../storage-context.js'
import { getBucketFile, getBucketRow } from '../storage-lookup.js'
import { checkName } from '../storage-names.js'
import type { FileRow } from '../storage-rows.js'
import type { FileInfo, StorageCaller } from '../storage-types.js'
import { commitNewFile } from './upload-file.js'

/** Copies a file to another bucket (a unique name there when taken); a new id. */
export async function copyFile(
  context: StorageContext,
  caller: StorageCaller,
  bucket: string,
  file: string,
  target: string,
): Promise<FileInfo> {
  const source = (await getBucketFile(context.db, bucket, file)).file
  const targetBucket = await getBucketRow(context.db, target)
  return copyTo(context, caller, source, targetBucket._id, source.fileName)
}

/** A copy in the same bucket, named `duplicateName` or a unique name from the original. */
export async function duplicateFile(
  context: StorageContext,
  caller: StorageCaller,
  bucket: string,
  file: string,
  duplicateName?: string,
): Promise<FileInfo> {
  const source = (await getBucketFile(context.db, bucket, file)).file
  const name = duplicateName ? checkName(duplicateName, 'file') : source.fileName
  return copyTo(context, caller, source, source.bucketId, name)
}

/** Copies the content to a fresh key (garbage until committed) and inserts the new row. */
async function copyTo(
  context: StorageContext,
  caller: StorageCaller,
  source: FileRow,
  bucketId: string,
  name: string,
): Promise<FileInfo> {
  const fileId = newObjectId()
  const key = newContentKey(fileId)
  await markUpload(context, key)
  try {
    await blobCall(() => context.blobs.copy(source.content_key, key))
  } catch (error) {
    await forget(context, [key])
    if (error instanceof BlobNotFoundError) throw fail('file_not_found', 'The file was deleted.')
    throw error
  }
  const row = source as Record<string, unknown>
  return commitNewFile(
    context,
    {
      _id: fileId,
      bucketId,
      size: Number(source.size),
      encoding: row.encoding as string,
      mimeType: row.mimeType as string,
      isPublic: source.isPublic,
      userId: caller.userId,
      tags: (row.tags as string[] | null) ?? [],
      contentKey: key,
    },
    name,
  )
}
