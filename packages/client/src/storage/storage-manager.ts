import { APIBase } from '../api-base.js'
import type { Fetcher } from '../fetcher.js'
import { BucketManager } from './bucket-manager.js'
import { listArguments } from './list-arguments.js'
import { STORAGE_PATH } from './paths.js'
import type {
  Bucket,
  BucketListOptions,
  FileInfo,
  FileListOptions,
  ListResult,
  StorageResult,
  StorageStats,
} from './types.js'

/**
 * The app's file storage (§4.2): buckets, storage-wide statistics and file search. A bucket's
 * files are managed through `bucket(nameOrId)`; `root` always exists.
 */
export class StorageManager extends APIBase {
  /** Creates the storage manager on the shared transport. */
  constructor(fetcher: Fetcher) {
    super(fetcher)
  }

  /** A manager of one bucket, by name or id. */
  bucket(nameOrId: string): BucketManager {
    return new BucketManager(nameOrId, this.fetcher)
  }

  /** The manager of the `root` bucket, where uploads naming no bucket go. */
  get root(): BucketManager {
    return new BucketManager('root', this.fetcher)
  }

  /** Creates a bucket; `isPublic` is the default privacy of its files (`root` is reserved). */
  createBucket(name: string, isPublic = true, tags: string[] = []): Promise<StorageResult<Bucket>> {
    return this.fetcher.post<Bucket>(`${STORAGE_PATH}/create-bucket`, { name, isPublic, tags })
  }

  /**
   * The buckets matching `expression` (all without one), paged and sorted by `options`. Options
   * may come first: `listBuckets({returnCountInfo: true})`.
   */
  listBuckets<O extends BucketListOptions>(options: O): Promise<ListResult<Bucket, O>>
  listBuckets<O extends BucketListOptions = Record<never, never>>(
    expression?: string | BucketListOptions | null,
    options?: O | null,
  ): Promise<ListResult<Bucket, O>>
  listBuckets(
    expression?: string | BucketListOptions | null,
    options?: BucketListOptions | null,
  ): Promise<ListResult<Bucket, BucketListOptions>> {
    const body = listArguments(expression, options)
    return this.fetcher.post(`${STORAGE_PATH}/list-buckets`, body)
  }

  /** File count and sizes over every bucket, and the number of buckets. */
  getStats(): Promise<StorageResult<StorageStats>> {
    return this.fetcher.get<StorageStats>(`${STORAGE_PATH}/stats`)
  }

  /** The files of every bucket matching `expression`, paged and sorted by `options`. */
  searchFiles<O extends FileListOptions = Record<never, never>>(
    expression: string,
    options?: O | null,
  ): Promise<ListResult<FileInfo, O>> {
    const optionsValue = options && typeof options === 'object' ? options : null
    return this.fetcher.post(`${STORAGE_PATH}/search-files`, { expression, options: optionsValue })
  }

  /**
   * Deletes the file at `fileUrl` (its `publicPath`). As published, the whole answer is
   * returned; `data` carries nothing useful.
   */
  deleteFile(fileUrl: string): Promise<StorageResult<unknown>> {
    return this.fetcher.post(`${STORAGE_PATH}/delete-file`, { fileUrl })
  }
}
