import type { Queryable } from '../../adapters/database/database.js'
import { fail } from '../../tools/errors.js'
import { isObjectId } from '../../tools/ids.js'
import { BUCKET_COLUMNS, FILE_COLUMNS } from './storage-rows.js'
import type { BucketRow, FileRow } from './storage-rows.js'

/** The bucket of a name or id (a 24-hex id first, then a name), or undefined. */
export async function findBucket(
  db: Queryable,
  bucket: string,
  lock = '',
): Promise<BucketRow | undefined> {
  if (isObjectId(bucket)) {
    const [byId] = await db.query<BucketRow>(
      `SELECT ${BUCKET_COLUMNS} FROM basalt.storage_buckets t WHERE t."_id" = $1 ${lock}`,
      [bucket],
    )
    if (byId) return byId
  }
  const [byName] = await db.query<BucketRow>(
    `SELECT ${BUCKET_COLUMNS} FROM basalt.storage_buckets t WHERE t."name" = $1 ${lock}`,
    [bucket],
  )
  return byName
}

/** The bucket of a name or id; bucket_not_found when there is none. */
export async function getBucketRow(db: Queryable, bucket: string, lock = ''): Promise<BucketRow> {
  const row = await findBucket(db, bucket, lock)
  if (!row) throw fail('bucket_not_found', `There is no bucket '${bucket}'.`, { bucket })
  return row
}

/** The file of a name or id within a bucket, or undefined. */
export async function findFile(
  db: Queryable,
  bucketId: string,
  file: string,
  lock = '',
): Promise<FileRow | undefined> {
  if (isObjectId(file)) {
    const [byId] = await db.query<FileRow>(
      `SELECT ${FILE_COLUMNS} FROM basalt.storage_files t WHERE t."bucketId" = $1 AND t."_id" = $2 ${lock}`,
      [bucketId, file],
    )
    if (byId) return byId
  }
  const [byName] = await db.query<FileRow>(
    `SELECT ${FILE_COLUMNS} FROM basalt.storage_files t WHERE t."bucketId" = $1 AND t."fileName" = $2 ${lock}`,
    [bucketId, file],
  )
  return byName
}

/** The file of a name or id within a bucket; file_not_found when there is none. */
export async function getFileRow(
  db: Queryable,
  bucketId: string,
  file: string,
  lock = '',
): Promise<FileRow> {
  const row = await findFile(db, bucketId, file, lock)
  if (!row) throw fail('file_not_found', `There is no file '${file}' in the bucket.`, { file })
  return row
}

/** The bucket and the file of names or ids. */
export async function getBucketFile(
  db: Queryable,
  bucket: string,
  file: string,
): Promise<{ bucket: BucketRow; file: FileRow }> {
  const bucketRow = await getBucketRow(db, bucket)
  return { bucket: bucketRow, file: await getFileRow(db, bucketRow._id, file) }
}
