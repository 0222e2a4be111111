import { APIBase } from '../api-base.js'
import { ClientError } from '../client-error.js'
import type { Fetcher } from '../fetcher.js'
import { isBlob, isFormData } from '../request-encoding.js'
import type { StorageResult } from '../storage/types.js'
import type { ProgressCallback } from '../xhr-upload.js'
import { agnostUploadPath } from './agnost-routes.js'

/** Options of an Agnost upload; all but `onProgress` travel as the JSON `options` query. */
export interface AgnostUploadOptions {
  /** The file's privacy; the bucket's default when not given. */
  isPublic?: boolean
  /** Replace a file already at this path (default `false`). */
  upsert?: boolean
  /** Tags stored with the file. */
  tags?: string[]
  /** Called as the body is sent (through XHR, in browsers): bytes sent, in all, percentage. */
  onProgress?: ProgressCallback
}

/** The metadata an Agnost upload answers. */
export interface AgnostFileInfo {
  id: string
  storageId: string
  bucketId: string
  path: string
  size: number
  mimeType: string
  isPublic: boolean
  tags: string[]
  uploadedAt: string
  updatedAt: string
}

/** The options Agnost applies under the caller's. */
const UPLOAD_DEFAULTS = Object.freeze({ upsert: false })

/** One bucket of a named storage; Agnost exposes uploads only. */
export class AgnostBucketManager extends APIBase {
  readonly #storage: string
  readonly #bucket: string

  /** Creates the manager of bucket `bucket` in storage `storage`. */
  constructor(storage: string, bucket: string, fetcher: Fetcher) {
    super(fetcher)
    this.#storage = storage
    this.#bucket = bucket
  }

  /**
   * Uploads a FormData, Blob or File as multipart (a Blob goes as the field `file`) under
   * `fileName`; with `onProgress`, through XHR where it exists. Any other body rejects with `unsupported_file_format`, sending nothing.
   */
  async upload(
    fileName: string,
    fileBody: FormData | Blob,
    options?: AgnostUploadOptions,
  ): Promise<StorageResult<AgnostFileInfo>> {
    if (!isFormData(fileBody) && !isBlob(fileBody)) {
      throw new ClientError(
        'unsupported_file_format',
        'fileBody needs to be a FormData, Blob or File',
      )
    }
    const sent = { ...UPLOAD_DEFAULTS, ...options, onProgress: undefined }
    const query = { fileName, options: sent }
    const path = agnostUploadPath(this.#storage, this.#bucket)
    const onProgress = options?.onProgress
    if (!onProgress) return this.fetcher.post<AgnostFileInfo>(path, fileBody, query)
    return this.fetcher.upload<AgnostFileInfo>(path, fileBody, query, null, onProgress)
  }
}

/** One named storage of the app (`client.storage(name)`). */
export class AgnostStorageManager extends APIBase {
  readonly #name: string

  /** Creates the manager of storage `name`. */
  constructor(name: string, fetcher: Fetcher) {
    super(fetcher)
    this.#name = name
  }

  /** The manager of one bucket of this storage. */
  bucket(name: string): AgnostBucketManager {
    return new AgnostBucketManager(this.#name, name, this.fetcher)
  }
}
