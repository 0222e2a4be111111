import type { StorageContext } from '../storage-context.js'
import { blobCall, deleteBlobs } from '../storage-blobs.js'

/** How long an upload may run before its unclaimed content counts as left over. */
export const UPLOAD_GRACE_HOURS = 6

const BATCH = 500

/**
 * Deletes blobs no committed file uses: contents of deleted or replaced files, and uploads
 * older than the grace period (a killed process left them); then their rows. Answers the count.
 */
export async function sweepGarbage(context: StorageContext): Promise<number> {
  let swept = 0
  for (;;) {
    const rows = await context.db.query<{ key: string }>(
      `SELECT key FROM basalt.storage_garbage
        WHERE reason = 'deleted' OR since < now() - make_interval(hours => $1)
        ORDER BY key LIMIT ${BATCH}`,
      [UPLOAD_GRACE_HOURS],
    )
    const keys = rows.map((row) => row.key)
    if (keys.length === 0) return swept
    await blobCall(() => deleteBlobs(context, keys))
    await context.db.query('DELETE FROM basalt.storage_garbage WHERE key = ANY($1::text[])', [keys])
    swept += keys.length
    if (keys.length < BATCH) return swept
  }
}
