import type { Database } from '../../adapters/database/database.js'
import type { BlobStore } from '../../adapters/storage/blob-store.js'

/** Settings of the storage service. */
export interface StorageOptions {
  /** The largest upload or replace, in bytes. */
  readonly maxFileSizeBytes: number
  /** The server's public base URL (no trailing slash), prefixed to every `publicPath`. */
  readonly publicUrl: () => string
  /** The first segment of public paths (`/_storage/<appSlug>/...`). */
  readonly appSlug: string
}

/** What every storage operation works with. */
export interface StorageContext extends StorageOptions {
  readonly db: Database
  readonly blobs: BlobStore
}
