import { fail } from '../../../tools/errors.js'
import type { StorageContext } from '../storage-context.js'
import { getBucketFile } from '../storage-lookup.js'
import { checkName, isUniqueViolation } from '../storage-names.js'
import { FILE_COLUMNS, fileInfo } from '../storage-rows.js'
import type { FileInfo, FileUpdate } from '../storage-types.js'
import { uniqueTags } from './create-bucket.js'

/** Changes what the update gives: name (file_already_exists when taken), privacy, tags. */
export async function updateFile(
  context: StorageContext,
  bucket: string,
  file: string,
  update: FileUpdate,
): Promise<FileInfo> {
  const found = (await getBucketFile(context.db, bucket, file)).file
  if (update.newName !== null && update.newName !== undefined) checkName(update.newName, 'file')
  try {
    const [row] = await context.db.query(
      `UPDATE basalt.storage_files AS t SET "fileName" = coalesce($2, t."fileName"),
         "isPublic" = coalesce($3, t."isPublic"), "tags" = coalesce($4::text[], t."tags"),
         "updatedAt" = now()
       WHERE t."_id" = $1 RETURNING ${FILE_COLUMNS}`,
      [
        found._id,
        update.newName ?? null,
        update.isPublic ?? null,
        update.tags ? uniqueTags(update.tags) : null,
      ],
    )
    if (!row) throw fail('file_not_found', `There is no file '${file}'.`, { file })
    return fileInfo(context, row)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw fail('file_already_exists', `A file named '${update.newName}' exists.`, {
        name: update.newName,
      })
    }
    throw error
  }
}

/** Adds tags (or removes them with `remove`) of a file. */
export async function changeFileTags(
  context: StorageContext,
  bucket: string,
  file: string,
  tags: readonly string[],
  remove: boolean,
): Promise<FileInfo> {
  const found = (await getBucketFile(context.db, bucket, file)).file
  const tagsSql = remove
    ? `ARRAY(SELECT x FROM unnest(t."tags") AS x WHERE x <> ALL($2::text[]))`
    : `t."tags" || ARRAY(SELECT x FROM unnest($2::text[]) AS x WHERE x <> ALL(t."tags"))`
  const [row] = await context.db.query(
    `UPDATE basalt.storage_files AS t SET "tags" = ${tagsSql}, "updatedAt" = now()
      WHERE t."_id" = $1 RETURNING ${FILE_COLUMNS}`,
    [found._id, uniqueTags(tags)],
  )
  if (!row) throw fail('file_not_found', `There is no file '${file}'.`, { file })
  return fileInfo(context, row)
}
