import type { ByteRange } from '../../adapters/storage/blob-store.js'
import type {
  BucketInfo,
  BucketUpdate,
  FileInfo,
  FileUpdate,
  OpenFile,
  PublicFile,
  ReplaceInput,
  StorageCaller,
  StorageListOptions,
  StorageListResult,
  StorageStats,
  UploadInput,
} from './storage-types.js'
import type { BucketUsage, PageRequest, StoragePage } from './operations/admin-lists.js'

/**
 * Cloud storage (protocol §4, docs/storage.md): buckets and file metadata in PostgreSQL, file
 * contents in a BlobStore. Every `bucket` argument is a bucket name or id, every `file` a file
 * name or id within that bucket. Failures are BasaltErrors of the catalog (bucket_not_found,
 * file_not_found, root_bucket_protected, invalid_name, file_too_large, ...).
 */
export interface StorageService {
  /** The largest upload or replace the service stores, in bytes (file_too_large past it). */
  readonly maxFileSizeBytes: number
  createBucket(
    caller: StorageCaller,
    name: string,
    isPublic: boolean,
    tags: readonly string[],
  ): Promise<BucketInfo>
  listBuckets(
    expression: string | null,
    options: StorageListOptions,
  ): Promise<StorageListResult<BucketInfo>>
  getStats(): Promise<StorageStats>
  /** Files of every bucket matching the expression. */
  searchFiles(
    expression: string | null,
    options: StorageListOptions,
  ): Promise<StorageListResult<FileInfo>>
  /** Deletes the file a `publicPath` URL (or its path) points at. */
  deleteFileByUrl(fileUrl: string): Promise<void>

  bucketExists(bucket: string): Promise<boolean>
  getBucket(bucket: string, detailed: boolean): Promise<BucketInfo>
  /** Deletes every file of the bucket (root included). */
  emptyBucket(bucket: string): Promise<void>
  renameBucket(bucket: string, newName: string): Promise<BucketInfo>
  /** Deletes the bucket and its files; root → root_bucket_protected. */
  deleteBucket(bucket: string): Promise<void>
  /** Sets the bucket's default privacy, and every file's with includeFiles. */
  setBucketPublic(bucket: string, isPublic: boolean, includeFiles: boolean): Promise<BucketInfo>
  listFiles(
    bucket: string,
    expression: string | null,
    options: StorageListOptions,
  ): Promise<StorageListResult<FileInfo>>
  /** Deletes files by names or ids; names that match nothing are skipped. */
  deleteFiles(bucket: string, filesNamesOrIds: readonly string[]): Promise<void>
  addBucketTags(bucket: string, tags: readonly string[]): Promise<BucketInfo>
  removeBucketTags(bucket: string, tags: readonly string[]): Promise<BucketInfo>
  updateBucket(bucket: string, update: BucketUpdate): Promise<BucketInfo>

  /** Stores a new file (a unique name `name (1).ext` when the name is taken). */
  upload(caller: StorageCaller, input: UploadInput): Promise<FileInfo>
  /** Swaps a file's content atomically, keeping its name and id. */
  replace(input: ReplaceInput): Promise<FileInfo>
  fileExists(bucket: string, file: string): Promise<boolean>
  getFile(bucket: string, file: string): Promise<FileInfo>
  setFilePublic(bucket: string, file: string, isPublic: boolean): Promise<FileInfo>
  /** The file's content (public or private) for download, a range of it when asked. */
  openFile(bucket: string, file: string, range?: ByteRange): Promise<OpenFile>
  renameFile(bucket: string, file: string, newName: string): Promise<FileInfo>
  /** A copy in the same bucket, named `duplicateName` or a unique name from the original. */
  duplicateFile(
    caller: StorageCaller,
    bucket: string,
    file: string,
    duplicateName?: string,
  ): Promise<FileInfo>
  deleteFile(bucket: string, file: string): Promise<void>
  /** Moves the file to another bucket (a unique name there when taken); keeps its id. */
  moveFile(bucket: string, file: string, target: string): Promise<FileInfo>
  /** Copies the file to another bucket (a unique name there when taken); a new id. */
  copyFile(caller: StorageCaller, bucket: string, file: string, target: string): Promise<FileInfo>
  addFileTags(bucket: string, file: string, tags: readonly string[]): Promise<FileInfo>
  removeFileTags(bucket: string, file: string, tags: readonly string[]): Promise<FileInfo>
  updateFile(bucket: string, file: string, update: FileUpdate): Promise<FileInfo>

  /**
   * The file at a public path (`/_storage/<app>/<bucketId>/<fileId>`), found by ids, or
   * undefined when there is none. Callers check `info.isPublic` before serving it.
   */
  findPublicFile(bucketId: string, fileId: string): Promise<PublicFile | undefined>
  /** Reads a blob by key (the content of a PublicFile, a cached transform). */
  readContent(contentKey: string, range?: ByteRange): Promise<OpenFile['content']>
  /**
   * A cached image transform of a file's content: answers the stored result, or stores what
   * `make` produces under a key derived from the content key and `variant` and answers it.
   */
  cachedVariant(
    file: PublicFile,
    variant: string,
    make: () => Promise<Buffer>,
  ): Promise<OpenFile['content']>
  /** Deletes blobs no committed file uses: uploads a killed process left, deleted contents. */
  sweepGarbage(): Promise<number>

  /** The admin console's buckets: a page by name, with each one's file count and total size. */
  listBucketUsage(page: PageRequest): Promise<StoragePage<BucketUsage>>
  /** The admin console's files of a bucket: a page by name, those holding `search` when given. */
  listFilesByName(
    bucket: string,
    search: string | null,
    page: PageRequest,
  ): Promise<StoragePage<FileInfo>>
  /** A file by its id alone (whatever its bucket, public or not), or undefined. */
  findFileById(fileId: string): Promise<PublicFile | undefined>
}
