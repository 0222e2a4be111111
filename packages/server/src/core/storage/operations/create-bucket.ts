import { fail } from '../../../tools/errors.js'
import { newObjectId } from '../../../tools/ids.js'
import type { StorageContext } from '../storage-context.js'
import { checkBucketName, isUniqueViolation } from '../storage-names.js'
import { BUCKET_COLUMNS, bucketInfo } from '../storage-rows.js'
import type { BucketInfo, StorageCaller } from '../storage-types.js'

/** Creates a bucket; bucket_already_exists when the name is taken, `root` is reserved. */
export async function createBucket(
  context: StorageContext,
  caller: StorageCaller,
  name: string,
  isPublic: boolean,
  tags: readonly string[],
): Promise<BucketInfo> {
  checkBucketName(name)
  try {
    const [row] = await context.db.query(
      `INSERT INTO basalt.storage_buckets AS t ("_id", "name", "isPublic", "userId", "tags")
       VALUES ($1, $2, $3, $4, $5::text[]) RETURNING ${BUCKET_COLUMNS}`,
      [newObjectId(), name, isPublic, caller.userId, uniqueTags(tags)],
    )
    return bucketInfo(row!)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw fail('bucket_already_exists', `A bucket named '${name}' exists.`, { name })
    }
    throw error
  }
}

/** Tags without repeats, in first-seen order. */
export function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags)]
}
