import { fail } from '../../../tools/errors.js'
import type { StorageContext } from '../storage-context.js'
import { getBucketFile, getBucketRow } from '../storage-lookup.js'
import { freeFileName, isUniqueViolation } from '../storage-names.js'
import { FILE_COLUMNS, fileInfo, publicPathOf } from '../storage-rows.js'
import type { FileInfo } from '../storage-types.js'

/** Moves a file to another bucket (a unique name there when taken); keeps its id. */
export async function moveFile(
  context: StorageContext,
  bucket: string,
  file: string,
  target: string,
): Promise<FileInfo> {
  const source = (await getBucketFile(context.db, bucket, file)).file
  const targetBucket = await getBucketRow(context.db, target)
  if (targetBucket._id === source.bucketId) return fileInfo(context, source)
  const taken = new Set<string>()
  for (let tries = 0; tries < 100; tries += 1) {
    const name = await freeFileName(context.db, targetBucket._id, source.fileName, taken)
    try {
      const [row] = await context.db.query(
        `UPDATE basalt.storage_files AS t SET "bucketId" = $2, "fileName" = $3, "publicPath" = $4,
           "updatedAt" = now()
         WHERE t."_id" = $1 RETURNING ${FILE_COLUMNS}`,
        [source._id, targetBucket._id, name, publicPathOf(context, targetBucket._id, source._id)],
      )
      if (!row) throw fail('file_not_found', `There is no file '${file}'.`, { file })
      return fileInfo(context, row)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      taken.add(name)
    }
  }
  throw fail('file_already_exists', 'No free name was found for the file.')
}
