import { APIBase } from '../api-base.js'
import type { ErrorsResult } from '../auth-types.js'
import type { Fetcher } from '../fetcher.js'
import { FILE_PATH } from './paths.js'
import { sendUpload } from './send-upload.js'
import type { FileBody, FileInfo, FileUploadOptions, StorageResult } from './types.js'
import { queryOptions, REPLACE_DEFAULTS } from './upload-body.js'

/**
 * One file of a bucket, named by its name or id (§4.5): metadata, content, moves and copies.
 * Every JSON body ends with `file` and `bucket`, in the published key order.
 */
export class FileManager extends APIBase {
  readonly #bucketNameOrId: string
  readonly #fileNameOrId: string

  /** Creates a manager of file `fileNameOrId` in bucket `bucketNameOrId`. */
  constructor(bucketNameOrId: string, fileNameOrId: string, fetcher: Fetcher) {
    super(fetcher)
    this.#bucketNameOrId = bucketNameOrId
    this.#fileNameOrId = fileNameOrId
  }

  /** Whether the file exists. */
  exists(): Promise<StorageResult<boolean>> {
    return this.#post('exists')
  }

  /** The file's metadata. */
  getInfo(): Promise<StorageResult<FileInfo>> {
    return this.#post('get')
  }

  /** Makes the file readable at its public URL. */
  makePublic(): Promise<StorageResult<FileInfo>> {
    return this.#post('make-public')
  }

  /** Makes the file unreadable at its public URL (the API still serves it). */
  makePrivate(): Promise<StorageResult<FileInfo>> {
    return this.#post('make-private')
  }

  /** The file's content as a Blob (typed by the file's MIME type). */
  download(): Promise<StorageResult<Blob>> {
    return this.fetcher.post<Blob>(`${FILE_PATH}/download`, this.#ids(), null, null, 'blob')
  }

  /** Renames the file within its bucket. */
  rename(newName: string): Promise<StorageResult<FileInfo>> {
    return this.#post('rename', { newName })
  }

  /** Copies the file within its bucket, under `duplicateName` or a unique name derived from it. */
  duplicate(duplicateName?: string): Promise<StorageResult<FileInfo>> {
    return this.#post('duplicate', { duplicateName })
  }

  /** Deletes the file. */
  async delete(): Promise<ErrorsResult> {
    const { errors } = await this.#post('delete')
    return { errors }
  }

  /**
   * Replaces the content, keeping the name and id. A Blob, File or FormData goes as multipart;
   * anything else as raw bytes typed `options.contentType` (see `BucketManager.upload`).
   */
  replace(fileBody: FileBody, options?: FileUploadOptions): Promise<StorageResult<FileInfo>> {
    const bucket = this.#bucketNameOrId
    const file = this.#fileNameOrId
    const sent = queryOptions(REPLACE_DEFAULTS, options)
    return sendUpload<FileInfo>(this.fetcher, {
      form: { path: `${FILE_PATH}/replace-formdata`, query: { bucket, file, options: sent } },
      object: { path: `${FILE_PATH}/replace-object`, query: { file, bucket, options: sent } },
      body: fileBody,
      contentType: sent.contentType,
      onProgress: typeof options?.onProgress === 'function' ? options.onProgress : null,
    })
  }

  /** Moves the file to another bucket (given a unique name there if needed). */
  moveTo(bucketNameOrId: string): Promise<StorageResult<FileInfo>> {
    return this.#post('move', { bucketNameOrId })
  }

  /** Copies the file to another bucket (given a unique name there if needed). */
  copyTo(bucketNameOrId: string): Promise<StorageResult<FileInfo>> {
    return this.#post('copy', { bucketNameOrId })
  }

  /** Adds one tag or several to the file. */
  addTags(tags: string | string[]): Promise<StorageResult<FileInfo>> {
    return this.#post('add-tags', { tags })
  }

  /** Removes one tag or several from the file. */
  removeTags(tags: string | string[]): Promise<StorageResult<FileInfo>> {
    return this.#post('remove-tags', { tags })
  }

  /** Sets the name, privacy and tags at once. */
  updateInfo(
    newName: string,
    isPublic: boolean,
    tags: string | string[],
  ): Promise<StorageResult<FileInfo>> {
    return this.#post('update', { newName, isPublic, tags })
  }

  #ids(): { file: string; bucket: string } {
    return { file: this.#fileNameOrId, bucket: this.#bucketNameOrId }
  }

  #post<T>(operation: string, fields: object = {}): Promise<StorageResult<T>> {
    return this.fetcher.post<T>(`${FILE_PATH}/${operation}`, { ...fields, ...this.#ids() })
  }
}
