import { fail } from '../../../tools/errors.js'
import { etagOf, forget, newContentKey, storeContent } from '../storage-blobs.js'
import type { StorageContext } from '../storage-context.js'
import { getBucketFile } from '../storage-lookup.js'
import { FILE_COLUMNS, fileInfo } from '../storage-rows.js'
import type { FileRow } from '../storage-rows.js'
import type { FileInfo, ReplaceInput } from '../storage-types.js'
import { uniqueTags } from './create-bucket.js'

/**
 * Swaps a file's content atomically: the new content is stored under a fresh key, then one
 * transaction points the row at it and lists the old content as garbage.
 */
export async function replaceFile(context: StorageContext, input: ReplaceInput): Promise<FileInfo> {
  const found = await getBucketFile(context.db, input.bucket, input.file)
  const key = newContentKey(found.file._id)
  const stored = await storeContent(context, key, input.content)
  let result: { row: FileRow; oldKey: string }
  try {
    result = await context.db.transaction(async (tx) => {
      const [old] = await tx.query<{ content_key: string }>(
        'SELECT content_key FROM basalt.storage_files WHERE "_id" = $1 FOR UPDATE',
        [found.file._id],
      )
      if (!old) throw fail('file_not_found', 'The file was deleted.', { file: input.file })
      const [row] = await tx.query<FileRow>(
        `UPDATE basalt.storage_files AS t SET "size" = $2, "encoding" = $3, "mimeType" = $4,
           "isPublic" = coalesce($5, t."isPublic"), "tags" = coalesce($6::text[], t."tags"),
           content_key = $7, etag = $8, "updatedAt" = now()
         WHERE t."_id" = $1 RETURNING ${FILE_COLUMNS}`,
        [
          found.file._id,
          stored.size,
          input.content.encoding,
          stored.mimeType,
          input.isPublic ?? null,
          input.tags ? uniqueTags(input.tags) : null,
          key,
          etagOf(key),
        ],
      )
      await tx.query('DELETE FROM basalt.storage_garbage WHERE key = $1', [key])
      await tx.query(
        `INSERT INTO basalt.storage_garbage (key, reason) VALUES ($1, 'deleted')
         ON CONFLICT (key) DO UPDATE SET reason = 'deleted'`,
        [old.content_key],
      )
      return { row: row!, oldKey: old.content_key }
    })
  } catch (error) {
    await forget(context, [key])
    throw error
  }
  await forget(context, [result.oldKey])
  return fileInfo(context, result.row)
}
