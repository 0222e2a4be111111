import type { Row } from '../../adapters/database/database.js'
import type { BucketInfo, FileInfo } from './storage-types.js'
import type { StorageContext } from './storage-context.js'

/** The bucket columns every SELECT and RETURNING lists (alias `t`). */
export const BUCKET_COLUMNS = `t."_id", t."name", t."isPublic", t."userId", t."tags", t."createdAt", t."updatedAt"`

/** The file columns every SELECT and RETURNING lists (alias `t`), with content key and etag. */
export const FILE_COLUMNS =
  `t."_id", t."bucketId", t."fileName", t."size", t."encoding", t."mimeType", t."isPublic", ` +
  `t."publicPath", t."userId", t."tags", t."uploadedAt", t."updatedAt", t.content_key, t.etag`

/** A file row as selected with FILE_COLUMNS. */
export interface FileRow extends Row {
  _id: string
  bucketId: string
  fileName: string
  size: string | number
  isPublic: boolean
  publicPath: string
  content_key: string
  etag: string
}

/** A bucket row as selected with BUCKET_COLUMNS. */
export interface BucketRow extends Row {
  _id: string
  name: string
  isPublic: boolean
}

/** An ISO-8601 timestamp of a driver value. */
export function isoTime(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString()
}

/** A bucket row as clients get it. */
export function bucketInfo(row: Row): BucketInfo {
  return {
    _id: row._id as string,
    name: row.name as string,
    isPublic: row.isPublic as boolean,
    userId: (row.userId as string | null) ?? null,
    tags: (row.tags as string[] | null) ?? [],
    createdAt: isoTime(row.createdAt),
    updatedAt: isoTime(row.updatedAt),
  }
}

/** A file row as clients get it: `publicPath` made absolute. */
export function fileInfo(context: StorageContext, row: Row): FileInfo {
  return {
    _id: row._id as string,
    bucketId: row.bucketId as string,
    fileName: row.fileName as string,
    size: Number(row.size),
    encoding: row.encoding as string,
    mimeType: row.mimeType as string,
    isPublic: row.isPublic as boolean,
    publicPath: context.publicUrl().replace(/\/+$/, '') + (row.publicPath as string),
    userId: (row.userId as string | null) ?? null,
    tags: (row.tags as string[] | null) ?? [],
    uploadedAt: isoTime(row.uploadedAt),
    updatedAt: isoTime(row.updatedAt),
  }
}

/** The stored (relative) public path of a file. */
export function publicPathOf(context: StorageContext, bucketId: string, fileId: string): string {
  return `/_storage/${context.appSlug}/${bucketId}/${fileId}`
}
