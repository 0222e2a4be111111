import { fail } from '../../../tools/errors.js'
import type { StorageContext } from '../storage-context.js'
import { getBucketRow } from '../storage-lookup.js'
import { checkBucketName, isUniqueViolation } from '../storage-names.js'
import { BUCKET_COLUMNS, bucketInfo } from '../storage-rows.js'
import { ROOT_BUCKET } from '../storage-types.js'
import type { BucketInfo, BucketUpdate } from '../storage-types.js'
import { uniqueTags } from './create-bucket.js'

/** Changes what the update gives (name, privacy, tags; files' privacy with includeFiles). */
export async function updateBucket(
  context: StorageContext,
  bucket: string,
  update: BucketUpdate,
): Promise<BucketInfo> {
  try {
    return await context.db.transaction(async (tx) => {
      const row = await getBucketRow(tx, bucket, 'FOR UPDATE')
      const newName = update.newName ?? row.name
      if (newName !== row.name) {
        if (row._id === ROOT_BUCKET._id) {
          throw fail('root_bucket_protected', 'The root bucket cannot be renamed.')
        }
        checkBucketName(newName)
      }
      const isPublic = update.isPublic ?? row.isPublic
      const [updated] = await tx.query(
        `UPDATE basalt.storage_buckets AS t SET "name" = $2, "isPublic" = $3,
           "tags" = coalesce($4::text[], t."tags"), "updatedAt" = now()
         WHERE t."_id" = $1 RETURNING ${BUCKET_COLUMNS}`,
        [row._id, newName, isPublic, update.tags ? uniqueTags(update.tags) : null],
      )
      if (update.includeFiles && update.isPublic !== null && update.isPublic !== undefined) {
        await tx.query(
          `UPDATE basalt.storage_files SET "isPublic" = $2, "updatedAt" = now()
            WHERE "bucketId" = $1 AND "isPublic" <> $2`,
          [row._id, isPublic],
        )
      }
      return bucketInfo(updated!)
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw fail('bucket_already_exists', `A bucket named '${update.newName}' exists.`, {
        name: update.newName,
      })
    }
    throw error
  }
}

/** Adds tags (or removes them with `remove`) of a bucket. */
export async function changeBucketTags(
  context: StorageContext,
  bucket: string,
  tags: readonly string[],
  remove: boolean,
): Promise<BucketInfo> {
  const row = await getBucketRow(context.db, bucket)
  const tagsSql = remove
    ? `ARRAY(SELECT x FROM unnest(t."tags") AS x WHERE x <> ALL($2::text[]))`
    : `t."tags" || ARRAY(SELECT x FROM unnest($2::text[]) AS x WHERE x <> ALL(t."tags"))`
  const [updated] = await context.db.query(
    `UPDATE basalt.storage_buckets AS t SET "tags" = ${tagsSql}, "updatedAt" = now()
      WHERE t."_id" = $1 RETURNING ${BUCKET_COLUMNS}`,
    [row._id, uniqueTags(tags)],
  )
  if (!updated) throw fail('bucket_not_found', `There is no bucket '${bucket}'.`, { bucket })
  return bucketInfo(updated)
}
