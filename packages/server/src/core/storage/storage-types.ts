import type { Readable } from 'node:stream'
import type { BlobContent, ByteRange } from '../../adapters/storage/blob-store.js'

/** The name and id of the bucket that always exists (protocol §4.1). */
export const ROOT_BUCKET = { _id: '000000000000000000000000', name: 'root' } as const

/** A bucket as clients get it (protocol §4.1). */
export interface BucketInfo {
  readonly _id: string
  readonly name: string
  readonly isPublic: boolean
  readonly userId: string | null
  readonly tags: readonly string[]
  readonly createdAt: string
  readonly updatedAt: string
  /** With `getInfo(true)` only. */
  readonly stats?: BucketStats
}

/** What `getInfo(true)` adds to a bucket: sizes in bytes (0 for an empty bucket). */
export interface BucketStats {
  readonly objectsCount: number
  readonly totalStorageSize: number
  readonly averageObjectSize: number
  readonly minObjectSize: number
  readonly maxObjectSize: number
}

/** `storage/stats`: the bucket stats over every file, plus the number of buckets. */
export interface StorageStats extends BucketStats {
  readonly bucketsCount: number
}

/** A file's metadata as clients get it (protocol §4.1); `publicPath` is an absolute URL. */
export interface FileInfo {
  readonly _id: string
  readonly bucketId: string
  readonly fileName: string
  readonly size: number
  readonly encoding: string
  readonly mimeType: string
  readonly isPublic: boolean
  readonly publicPath: string
  readonly userId: string | null
  readonly tags: readonly string[]
  readonly uploadedAt: string
  readonly updatedAt: string
}

/** Paging and sort of list-buckets, list-files and search-files (every part may be absent). */
export interface StorageListOptions {
  readonly page?: number | null
  readonly limit?: number | null
  /** One sort key (protocol §4.2: an object, not an array). */
  readonly sort?: { readonly field: string; readonly direction: 'asc' | 'desc' } | null
  readonly returnCountInfo?: boolean | null
}

/** A page of a list, or `{info, data}` with returnCountInfo (protocol §4.1). */
export type StorageListResult<T> =
  | readonly T[]
  | {
      readonly info: {
        readonly count: number
        readonly totalPages: number
        readonly currentPage: number
        readonly pageSize: number
      }
      readonly data: readonly T[]
    }

/** Who calls: the session's user (recorded as `userId` of what they create), if any. */
export interface StorageCaller {
  readonly userId: string | null
}

/** The content of an upload or replace, streamed. */
export interface UploadContent {
  /** The bytes; the service stops reading (and fails with file_too_large) past the limit. */
  readonly body: Readable
  /** The declared MIME type (multipart part type, or `options.contentType`). */
  readonly contentType: string
  /** The transfer encoding recorded in the metadata (`7bit` for multipart, else `binary`). */
  readonly encoding: string
}

/** `upload-formdata` / `upload-object`. */
export interface UploadInput {
  /** Bucket name or id; `root` when the request names none. */
  readonly bucket: string
  readonly fileName: string
  readonly content: UploadContent
  /** The bucket's default when absent. */
  readonly isPublic?: boolean | undefined
  readonly tags?: readonly string[] | undefined
  /** Create the bucket (public, no tags) when it does not exist. */
  readonly createBucket?: boolean | undefined
}

/** `replace-formdata` / `replace-object`: same name and id, new content. */
export interface ReplaceInput {
  readonly bucket: string
  /** File name or id. */
  readonly file: string
  readonly content: UploadContent
  readonly isPublic?: boolean | undefined
  readonly tags?: readonly string[] | undefined
}

/** `bucket/update`: each part changes only when given (null or absent leaves it). */
export interface BucketUpdate {
  readonly newName?: string | null
  readonly isPublic?: boolean | null
  readonly tags?: readonly string[] | null
  readonly includeFiles?: boolean | null
}

/** `file/update`: each part changes only when given. */
export interface FileUpdate {
  readonly newName?: string | null
  readonly isPublic?: boolean | null
  readonly tags?: readonly string[] | null
}

/** An open file: its metadata, a strong validator, and its content (or a range of it). */
export interface OpenFile {
  readonly info: FileInfo
  /** Changes whenever the content does (quoted, ready for the `ETag` header). */
  readonly etag: string
  readonly content: BlobContent
}

/** A file as the public path serves it (found by ids, public or not). */
export interface PublicFile {
  readonly info: FileInfo
  readonly etag: string
  /** The blob key of the content (transform cache keys derive from it). */
  readonly contentKey: string
}

export type { ByteRange }
