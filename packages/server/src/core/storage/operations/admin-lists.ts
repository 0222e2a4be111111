import type { Row } from '../../../adapters/database/database.js'
import { isObjectId } from '../../../tools/ids.js'
import type { StorageContext } from '../storage-context.js'
import { getBucketRow } from '../storage-lookup.js'
import { BUCKET_COLUMNS, FILE_COLUMNS, bucketInfo, fileInfo } from '../storage-rows.js'
import type { FileRow } from '../storage-rows.js'
import type { BucketInfo, FileInfo, PublicFile } from '../storage-types.js'

/** A bucket with how many files it holds and their total size in bytes. */
export interface BucketUsage extends BucketInfo {
  readonly fileCount: number
  readonly totalSize: number
}

/** One page of an admin list (page numbers from 1) and the count over every page. */
export interface StoragePage<T> {
  readonly items: readonly T[]
  readonly total: number
}

/** A page request of an admin list. */
export interface PageRequest {
  readonly page: number
  readonly size: number
}

/** Buckets by name, each with its file count and total size, in one query. */
export async function listBucketUsage(
  context: StorageContext,
  { page, size }: PageRequest,
): Promise<StoragePage<BucketUsage>> {
  const rows = await context.db.query(
    `SELECT ${BUCKET_COLUMNS}, count(f."_id") AS file_count,
            coalesce(sum(f."size"), 0) AS total_size, count(*) OVER () AS _total
       FROM basalt.storage_buckets t
       LEFT JOIN basalt.storage_files f ON f."bucketId" = t."_id"
      GROUP BY t."_id"
      ORDER BY t."name", t."_id"
      LIMIT $1 OFFSET $2`,
    [size, (page - 1) * size],
  )
  const items = rows.map((row) => ({
    ...bucketInfo(row),
    fileCount: Number(row.file_count),
    totalSize: Number(row.total_size),
  }))
  return {
    items,
    total: await totalOf(context, rows, 'SELECT count(*) AS n FROM basalt.storage_buckets', []),
  }
}

/**
 * Files of a bucket (name or id) by name, those whose name holds `search` (any case) when it
 * is given. `%`, `_` and `\` of the search are literal.
 */
export async function listFilesByName(
  context: StorageContext,
  bucket: string,
  search: string | null,
  { page, size }: PageRequest,
): Promise<StoragePage<FileInfo>> {
  const { _id: bucketId } = await getBucketRow(context.db, bucket)
  const like = search ? `%${search.replace(/[\\%_]/g, '\\$&')}%` : null
  const where = `t."bucketId" = $1 AND ($2::text IS NULL OR t."fileName" ILIKE $2)`
  const rows = await context.db.query(
    `SELECT ${FILE_COLUMNS}, count(*) OVER () AS _total FROM basalt.storage_files t
      WHERE ${where} ORDER BY t."fileName", t."_id" LIMIT $3 OFFSET $4`,
    [bucketId, like, size, (page - 1) * size],
  )
  const count = `SELECT count(*) AS n FROM basalt.storage_files t WHERE ${where}`
  return {
    items: rows.map((row) => fileInfo(context, row)),
    total: await totalOf(context, rows, count, [bucketId, like]),
  }
}

/** A file found by its id alone (whatever its bucket), or undefined. */
export async function findFileById(
  context: StorageContext,
  fileId: string,
): Promise<PublicFile | undefined> {
  if (!isObjectId(fileId)) return undefined
  const [row] = await context.db.query<FileRow>(
    `SELECT ${FILE_COLUMNS} FROM basalt.storage_files t WHERE t."_id" = $1`,
    [fileId],
  )
  if (!row) return undefined
  return { info: fileInfo(context, row), etag: row.etag, contentKey: row.content_key }
}

/** The window count of a page's rows; a count query when the page is empty (past the end). */
async function totalOf(
  context: StorageContext,
  rows: readonly Row[],
  countSql: string,
  params: unknown[],
): Promise<number> {
  if (rows[0] !== undefined) return Number(rows[0]._total)
  const [row] = await context.db.query<{ n: string }>(countSql, params)
  return Number(row?.n ?? 0)
}
