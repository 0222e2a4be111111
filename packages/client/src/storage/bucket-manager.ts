import { APIBase } from '../api-base.js'
import type { ErrorsResult } from '../auth-types.js'
import type { Fetcher } from '../fetcher.js'
import { FileManager } from './file-manager.js'
import { listArguments } from './list-arguments.js'
import { BUCKET_PATH } from './paths.js'
import { sendUpload } from './send-upload.js'
import type {
  Bucket,
  FileBody,
  FileInfo,
  FileListOptions,
  FileUploadOptions,
  ListResult,
  StorageResult,
} from './types.js'
import { queryOptions, UPLOAD_DEFAULTS } from './upload-body.js'

/**
 * One bucket, named by its name or id (§4.3): its metadata, its files and uploads. Every JSON
 * body ends with `bucket`, in the published key order.
 */
export class BucketManager extends APIBase {
  readonly #bucketNameOrId: string

  /** Creates a manager of bucket `nameOrId`. */
  constructor(nameOrId: string, fetcher: Fetcher) {
    super(fetcher)
    this.#bucketNameOrId = nameOrId
  }

  /** Whether the bucket exists; `root` always does (answered without a request). */
  async exists(): Promise<StorageResult<boolean>> {
    if (this.#bucketNameOrId === 'root') return { data: true, errors: null }
    return this.#post('exists')
  }

  /** The bucket's metadata; `detailed` adds its file statistics (`stats`). */
  getInfo(detailed = false): Promise<StorageResult<Bucket>> {
    return this.#post('get', { detailed })
  }

  /** Deletes every file of the bucket. */
  async empty(): Promise<ErrorsResult> {
    const { errors } = await this.#post('empty')
    return { errors }
  }

  /** Renames the bucket (`root` cannot be renamed). */
  rename(newName: string): Promise<StorageResult<Bucket>> {
    return this.#post('rename', { newName })
  }

  /** Deletes the bucket and its files (`root` cannot be deleted). */
  async delete(): Promise<ErrorsResult> {
    const { errors } = await this.#post('delete')
    return { errors }
  }

  /** Makes new files public by default; `includeFiles` makes every file public now. */
  makePublic(includeFiles = false): Promise<StorageResult<Bucket>> {
    return this.#post('make-public', { includeFiles })
  }

  /** Makes new files private by default; `includeFiles` makes every file private now. */
  makePrivate(includeFiles = false): Promise<StorageResult<Bucket>> {
    return this.#post('make-private', { includeFiles })
  }

  /**
   * The bucket's files matching `expression` (all without one), paged and sorted by `options`.
   * Options may come first: `listFiles({limit: 10})`.
   */
  listFiles<O extends FileListOptions>(options: O): Promise<ListResult<FileInfo, O>>
  listFiles<O extends FileListOptions = Record<never, never>>(
    expression?: string | FileListOptions | null,
    options?: O | null,
  ): Promise<ListResult<FileInfo, O>>
  listFiles(
    expression?: string | FileListOptions | null,
    options?: FileListOptions | null,
  ): Promise<ListResult<FileInfo, FileListOptions>> {
    const body = { ...listArguments(expression, options), bucket: this.#bucketNameOrId }
    return this.fetcher.post(`${BUCKET_PATH}/list-files`, body)
  }

  /**
   * Uploads a file named `fileName`. A Blob, File or FormData goes as multipart. Anything else
   * (text, bytes, an ArrayBuffer, a JSON value) goes as raw bytes typed `options.contentType`
   * (default `text/plain;charset=UTF-8`), JSON-encoded only for a JSON type. `onProgress` is
   * called in browsers (XHR) and in Node (streamed fetch).
   */
  upload(
    fileName: string,
    fileBody: FileBody,
    options?: FileUploadOptions,
  ): Promise<StorageResult<FileInfo>> {
    const bucket = this.#bucketNameOrId
    const query = { bucket, fileName, options: queryOptions(UPLOAD_DEFAULTS, options) }
    return sendUpload<FileInfo>(this.fetcher, {
      form: { path: `${BUCKET_PATH}/upload-formdata`, query },
      object: { path: `${BUCKET_PATH}/upload-object`, query },
      body: fileBody,
      contentType: query.options.contentType,
      onProgress: typeof options?.onProgress === 'function' ? options.onProgress : null,
    })
  }

  /** A manager of one file of this bucket, by name or id. */
  file(fileNameOrId: string): FileManager {
    return new FileManager(this.#bucketNameOrId, fileNameOrId, this.fetcher)
  }

  /** Deletes the files named (or with the ids) given. */
  async deleteFiles(fileNamesOrIds: string[]): Promise<ErrorsResult> {
    const { errors } = await this.#post('delete-files', { fileNamesOrIds })
    return { errors }
  }

  /** Adds one tag or several to the bucket. */
  addTags(tags: string | string[]): Promise<StorageResult<Bucket>> {
    return this.#post('add-tags', { tags })
  }

  /** Removes one tag or several from the bucket. */
  removeTags(tags: string | string[]): Promise<StorageResult<Bucket>> {
    return this.#post('remove-tags', { tags })
  }

  /** Sets the name, default privacy and tags at once; `includeFiles` applies the privacy to files. */
  updateInfo(
    newName: string,
    isPublic: boolean,
    tags: string | string[],
    includeFiles = false,
  ): Promise<StorageResult<Bucket>> {
    return this.#post('update', { newName, isPublic, tags, includeFiles })
  }

  #post<T>(operation: string, fields: object = {}): Promise<StorageResult<T>> {
    const body = { ...fields, bucket: this.#bucketNameOrId }
    return this.fetcher.post<T>(`${BUCKET_PATH}/${operation}`, body)
  }
}
