import type { FileInfo } from '../../../../core/storage/storage-types.js'

/** A stored file as the Agnost client receives it after an upload. */
export interface AgnostFile {
  id: string
  storageId: string
  bucketId: string
  path: string
  size: number
  mimeType: string
  isPublic: boolean
  tags: readonly string[]
  uploadedAt: string
  updatedAt: string
}

/** Maps Basalt's file metadata to the Agnost shape; `path` is the file name. */
export function toAgnostFile(info: FileInfo, storageId: string): AgnostFile {
  return {
    id: info._id,
    storageId,
    bucketId: info.bucketId,
    path: info.fileName,
    size: info.size,
    mimeType: info.mimeType,
    isPublic: info.isPublic,
    tags: info.tags,
    uploadedAt: info.uploadedAt,
    updatedAt: info.updatedAt,
  }
}
