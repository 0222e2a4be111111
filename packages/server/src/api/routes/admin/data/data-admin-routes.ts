import type { FastifyInstance } from 'fastify'
import { AdminObjects } from '../../../../core/admin/data/admin-objects.js'
import type { AdminDeps } from '../admin-deps.js'
import { createObject } from './create-object.js'
import { deleteObject } from './delete-object.js'
import { getObject } from './get-object.js'
import { listModels } from './list-models.js'
import { listObjects } from './list-objects.js'
import { updateObject } from './update-object.js'

/** The data area of the admin API (docs/admin-api.md#data): the app's full rights. */
export function registerDataAdminRoutes(scope: FastifyInstance, deps: AdminDeps): void {
  const objects = new AdminObjects(deps.db.app())
  listModels(scope, deps.db.catalog)
  listObjects(scope, objects)
  getObject(scope, objects)
  createObject(scope, objects)
  updateObject(scope, objects)
  deleteObject(scope, objects)
}
