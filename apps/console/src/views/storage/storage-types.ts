/** A bucket as `GET /buckets` lists it (docs/admin-api.md, Storage). */
export interface Bucket {
  _id: string
  name: string
  isPublic: boolean
  fileCount: number
  totalSize: number
  createdAt?: string
  updatedAt?: string
}

/** A file's metadata as `GET /buckets/:id/files` lists it. */
export interface StoredFile {
  _id: string
  bucketId: string
  fileName: string
  size: number
  mimeType: string
  isPublic: boolean
  publicPath?: string | null
  uploadedAt?: string
  updatedAt?: string
}

/** Rows per page of the bucket and file lists. */
export const STORAGE_PAGE_SIZE = 25
