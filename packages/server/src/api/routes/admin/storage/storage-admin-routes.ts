import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { createBucket } from './create-bucket.js'
import { deleteBucket } from './delete-bucket.js'
import { deleteFile } from './delete-file.js'
import { getFileContent } from './get-file-content.js'
import { listBuckets } from './list-buckets.js'
import { listFiles } from './list-files.js'
import { updateBucket } from './update-bucket.js'
import { updateFile } from './update-file.js'
import { uploadFile } from './upload-file.js'

/** Storage of the admin API (docs/admin-api.md): buckets and files, with full rights. */
export function registerStorageAdminRoutes(
  scope: FastifyInstance,
  deps: Pick<AdminDeps, 'storage'>,
): void {
  const storage = deps.storage
  if (!storage) return
  listBuckets(scope, storage)
  createBucket(scope, storage)
  updateBucket(scope, storage)
  deleteBucket(scope, storage)
  listFiles(scope, storage)
  uploadFile(scope, storage)
  updateFile(scope, storage)
  deleteFile(scope, storage)
  getFileContent(scope, storage)
}
