import type { FastifyInstance } from 'fastify'
import type { StorageService } from '../../../core/storage/storage-service.js'
import { createBucketRoute } from './create-bucket.js'
import { listBucketsRoute } from './list-buckets.js'
import { getStatsRoute } from './get-stats.js'
import { searchFilesRoute } from './search-files.js'
import { deleteFileByUrlRoute } from './delete-file-by-url.js'
import { bucketExistsRoute } from './bucket-exists.js'
import { getBucketRoute } from './get-bucket.js'
import { emptyBucketRoute } from './empty-bucket.js'
import { renameBucketRoute } from './rename-bucket.js'
import { deleteBucketRoute } from './delete-bucket.js'
import { makeBucketPublicRoute } from './make-bucket-public.js'
import { makeBucketPrivateRoute } from './make-bucket-private.js'
import { listFilesRoute } from './list-files.js'
import { deleteFilesRoute } from './delete-files.js'
import { addBucketTagsRoute } from './add-bucket-tags.js'
import { removeBucketTagsRoute } from './remove-bucket-tags.js'
import { updateBucketRoute } from './update-bucket.js'
import { fileExistsRoute } from './file-exists.js'
import { getFileRoute } from './get-file.js'
import { makeFilePublicRoute } from './make-file-public.js'
import { makeFilePrivateRoute } from './make-file-private.js'
import { renameFileRoute } from './rename-file.js'
import { duplicateFileRoute } from './duplicate-file.js'
import { deleteFileRoute } from './delete-file.js'
import { moveFileRoute } from './move-file.js'
import { copyFileRoute } from './copy-file.js'
import { addFileTagsRoute } from './add-file-tags.js'
import { removeFileTagsRoute } from './remove-file-tags.js'
import { updateFileRoute } from './update-file.js'
import { uploadFormdataRoute } from './upload-formdata.js'
import { uploadObjectRoute } from './upload-object.js'
import { replaceFormdataRoute } from './replace-formdata.js'
import { replaceObjectRoute } from './replace-object.js'
import { downloadFileRoute } from './download-file.js'

/** Registers every storage route of the protocol (§4 and §8 rows 44-77). */
export function registerStorageRoutes(app: FastifyInstance, storage: StorageService): void {
  const options = { maxFileSizeBytes: storage.maxFileSizeBytes }
  for (const register of [
    createBucketRoute,
    listBucketsRoute,
    getStatsRoute,
    searchFilesRoute,
    deleteFileByUrlRoute,
    bucketExistsRoute,
    getBucketRoute,
    emptyBucketRoute,
    renameBucketRoute,
    deleteBucketRoute,
    makeBucketPublicRoute,
    makeBucketPrivateRoute,
    listFilesRoute,
    deleteFilesRoute,
    addBucketTagsRoute,
    removeBucketTagsRoute,
    updateBucketRoute,
    fileExistsRoute,
    getFileRoute,
    makeFilePublicRoute,
    makeFilePrivateRoute,
    renameFileRoute,
    duplicateFileRoute,
    deleteFileRoute,
    moveFileRoute,
    copyFileRoute,
    addFileTagsRoute,
    removeFileTagsRoute,
    updateFileRoute,
  ]) {
    register(app, storage)
  }
  for (const register of [
    uploadFormdataRoute,
    uploadObjectRoute,
    replaceFormdataRoute,
    replaceObjectRoute,
    downloadFileRoute,
  ]) {
    register(app, storage, options)
  }
}
