import type { Queryable } from '../../../adapters/database/database.js'
import type { StorageContext } from '../storage-context.js'
import { findBucket, getBucketRow } from '../storage-lookup.js'
import { bucketInfo } from '../storage-rows.js'
import type { BucketInfo, BucketStats, StorageStats } from '../storage-types.js'

/** Whether a bucket of that name or id exists. */
export async function bucketExists(context: StorageContext, bucket: string): Promise<boolean> {
  return (await findBucket(context.db, bucket)) !== undefined
}

/** A bucket, with the stats of its files when `detailed`. */
export async function getBucket(
  context: StorageContext,
  bucket: string,
  detailed: boolean,
): Promise<BucketInfo> {
  const row = await getBucketRow(context.db, bucket)
  const info = bucketInfo(row)
  if (!detailed) return info
  return { ...info, stats: await fileStats(context.db, row._id) }
}

/** Stats over every file and the number of buckets. */
export async function getStats(context: StorageContext): Promise<StorageStats> {
  const stats = await fileStats(context.db, null)
  const [row] = await context.db.query<{ n: string }>(
    'SELECT count(*) AS n FROM basalt.storage_buckets',
  )
  return { ...stats, bucketsCount: Number(row?.n ?? 0) }
}

/** Count and sizes of the files of one bucket (or of all with null). */
async function fileStats(db: Queryable, bucketId: string | null): Promise<BucketStats> {
  const [row] = await db.query<Record<string, string | null>>(
    `SELECT count(*) AS n, coalesce(sum("size"), 0) AS total, coalesce(avg("size"), 0) AS avg,
            coalesce(min("size"), 0) AS min, coalesce(max("size"), 0) AS max
       FROM basalt.storage_files WHERE $1::text IS NULL OR "bucketId" = $1`,
    [bucketId],
  )
  return {
    objectsCount: Number(row?.n ?? 0),
    totalStorageSize: Number(row?.total ?? 0),
    averageObjectSize: Number(row?.avg ?? 0),
    minObjectSize: Number(row?.min ?? 0),
    maxObjectSize: Number(row?.max ?? 0),
  }
}
