import type { APIError } from '@basalt/protocol'
import type { CountedList } from '../db/types.js'
import type { ProgressCallback } from '../xhr-upload.js'

/** What every storage call with an answer resolves to: `data` on success, `errors` on failure. */
export interface StorageResult<T> {
  data: T | null
  errors: APIError | null
}

/** File statistics of a bucket (`getInfo(true)`); sizes in bytes. */
export interface BucketStats {
  objectsCount: number
  totalStorageSize: number
  averageObjectSize: number
  minObjectSize: number
  maxObjectSize: number
}

/** `storage.getStats()`: the statistics over every file, plus the number of buckets. */
export interface StorageStats extends BucketStats {
  bucketsCount: number
}

/** A bucket's metadata (§4.1); timestamps are ISO strings. */
export interface Bucket {
  _id: string
  name: string
  /** The default privacy of the files uploaded to the bucket. */
  isPublic: boolean
  /** The user whose session created the bucket, if any. */
  userId?: string | null
  tags: string[]
  createdAt: string
  updatedAt: string
  /** With `getInfo(true)` only. */
  stats?: BucketStats
}

/** A stored file's metadata (§4.1); `publicPath` is its public URL. */
export interface FileInfo {
  _id: string
  bucketId: string
  fileName: string
  size: number
  encoding: string
  mimeType: string
  isPublic: boolean
  publicPath: string
  /** The user whose session uploaded the file, if any. */
  userId?: string | null
  tags: string[]
  uploadedAt: string
  updatedAt: string
}

/** Sort key of `listBuckets`: a single field and direction. */
export interface BucketSortEntry {
  field: 'name' | 'isPublic' | 'createdAt' | 'updatedAt' | 'userId' | 'tags'
  direction: 'asc' | 'desc'
}

/** Paging and sorting of `listBuckets`. */
export interface BucketListOptions {
  /** Page number, from 1. */
  page?: number | null
  /** Buckets per page. */
  limit?: number | null
  sort?: BucketSortEntry | null
  /** Answer `{info, data}` instead of an array. */
  returnCountInfo?: boolean
}

/** Sort key of `listFiles` and `searchFiles`: a single field and direction. */
export interface FileSortEntry {
  field:
    | 'bucketId'
    | 'fileName'
    | 'size'
    | 'encoding'
    | 'mimeType'
    | 'isPublic'
    | 'publicPath'
    | 'uploadedAt'
    | 'updatedAt'
    | 'userId'
    | 'tags'
  direction: 'asc' | 'desc'
}

/** Paging and sorting of `listFiles` and `searchFiles`. */
export interface FileListOptions {
  /** Page number, from 1. */
  page?: number | null
  /** Files per page. */
  limit?: number | null
  sort?: FileSortEntry | null
  /** Answer `{info, data}` instead of an array. */
  returnCountInfo?: boolean
}

/** Options of `upload` and `replace`; all but `onProgress` are sent in the `options` query. */
export interface FileUploadOptions {
  /** MIME type of a body that is not a Blob, File or FormData (`text/plain;charset=UTF-8`). */
  contentType?: string
  /** The file's privacy; the bucket's default when not given. */
  isPublic?: boolean
  /** `upload` only: create the bucket when it does not exist (default `false`). */
  createBucket?: boolean
  /** Tags stored with the file (the published `.d.ts` typed this `string`). */
  tags?: string[]
  /** Called as the body is sent: bytes sent, bytes in all, whole percentage. */
  onProgress?: ProgressCallback
}

/**
 * What `upload` and `replace` accept: a Blob, File or FormData (sent as multipart), or text,
 * bytes or any JSON value (sent to the `*-object` routes).
 */
export type FileBody =
  Blob | FormData | string | ArrayBuffer | ArrayBufferView | number | boolean | object

/** The count-info flag of a list options type: `false` when absent, `boolean` when not known. */
export type CountInfoOf<O> = O extends { returnCountInfo?: infer C }
  ? C extends boolean
    ? C
    : false
  : false

/** `D[]`, or `{info, data}` when the options ask for count information. */
export type StorageList<D, O> = CountInfoOf<O> extends true ? CountedList<D> : D[]

/** A list call's answer for options `O` (both shapes when the flag is not a literal). */
export type ListResult<D, O> = StorageResult<
  boolean extends CountInfoOf<O> ? D[] | CountedList<D> : StorageList<D, O>
>
