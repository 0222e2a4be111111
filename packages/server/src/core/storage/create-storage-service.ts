import type { Database } from '../../adapters/database/database.js'
import type { BlobStore } from '../../adapters/storage/blob-store.js'
import { findFileById, listBucketUsage, listFilesByName } from './operations/admin-lists.js'
import { bucketExists, getBucket, getStats } from './operations/get-bucket.js'
import { changeFileTags, updateFile } from './operations/update-file.js'
import { changeBucketTags, updateBucket } from './operations/update-bucket.js'
import { copyFile, duplicateFile } from './operations/copy-file.js'
import { createBucket } from './operations/create-bucket.js'
import {
  deleteBucket,
  deleteFile,
  deleteFileByUrl,
  deleteFiles,
  emptyBucket,
} from './operations/delete-files.js'
import {
  cachedVariant,
  fileExists,
  findPublicFile,
  getFile,
  openFile,
  readContent,
} from './operations/get-file.js'
import { listBuckets, listFiles, searchFiles } from './operations/list-storage.js'
import { moveFile } from './operations/move-file.js'
import { replaceFile } from './operations/replace-file.js'
import { sweepGarbage } from './operations/sweep-garbage.js'
import { uploadFile } from './operations/upload-file.js'
import type { StorageContext, StorageOptions } from './storage-context.js'
import type { StorageService } from './storage-service.js'

/** The storage service over a database (metadata) and a blob store (contents). */
export function createStorageService(
  db: Database,
  blobs: BlobStore,
  options: StorageOptions,
): StorageService {
  const c: StorageContext = { ...options, db, blobs }
  return {
    maxFileSizeBytes: options.maxFileSizeBytes,
    createBucket: (caller, name, isPublic, tags) => createBucket(c, caller, name, isPublic, tags),
    listBuckets: (expression, list) => listBuckets(c, expression, list),
    getStats: () => getStats(c),
    searchFiles: (expression, list) => searchFiles(c, expression, list),
    deleteFileByUrl: (fileUrl) => deleteFileByUrl(c, fileUrl),
    bucketExists: (bucket) => bucketExists(c, bucket),
    getBucket: (bucket, detailed) => getBucket(c, bucket, detailed),
    emptyBucket: (bucket) => emptyBucket(c, bucket),
    renameBucket: (bucket, newName) => updateBucket(c, bucket, { newName }),
    deleteBucket: (bucket) => deleteBucket(c, bucket),
    setBucketPublic: (bucket, isPublic, includeFiles) =>
      updateBucket(c, bucket, { isPublic, includeFiles }),
    listFiles: (bucket, expression, list) => listFiles(c, bucket, expression, list),
    deleteFiles: (bucket, files) => deleteFiles(c, bucket, files),
    addBucketTags: (bucket, tags) => changeBucketTags(c, bucket, tags, false),
    removeBucketTags: (bucket, tags) => changeBucketTags(c, bucket, tags, true),
    updateBucket: (bucket, update) => updateBucket(c, bucket, update),
    upload: (caller, input) => uploadFile(c, caller, input),
    replace: (input) => replaceFile(c, input),
    fileExists: (bucket, file) => fileExists(c, bucket, file),
    getFile: (bucket, file) => getFile(c, bucket, file),
    setFilePublic: (bucket, file, isPublic) => updateFile(c, bucket, file, { isPublic }),
    openFile: (bucket, file, range) => openFile(c, bucket, file, range),
    renameFile: (bucket, file, newName) => updateFile(c, bucket, file, { newName }),
    duplicateFile: (caller, bucket, file, name) => duplicateFile(c, caller, bucket, file, name),
    deleteFile: (bucket, file) => deleteFile(c, bucket, file),
    moveFile: (bucket, file, target) => moveFile(c, bucket, file, target),
    copyFile: (caller, bucket, file, target) => copyFile(c, caller, bucket, file, target),
    addFileTags: (bucket, file, tags) => changeFileTags(c, bucket, file, tags, false),
    removeFileTags: (bucket, file, tags) => changeFileTags(c, bucket, file, tags, true),
    updateFile: (bucket, file, update) => updateFile(c, bucket, file, update),
    findPublicFile: (bucketId, fileId) => findPublicFile(c, bucketId, fileId),
    readContent: (key, range) => readContent(c, key, range),
    cachedVariant: (file, variant, make) => cachedVariant(c, file, variant, make),
    sweepGarbage: () => sweepGarbage(c),
    listBucketUsage: (page) => listBucketUsage(c, page),
    listFilesByName: (bucket, search, page) => listFilesByName(c, bucket, search, page),
    findFileById: (fileId) => findFileById(c, fileId),
  }
}

export type { StorageOptions }
