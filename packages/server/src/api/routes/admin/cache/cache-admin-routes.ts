import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { deleteKey } from './delete-key.js'
import { getKey } from './get-key.js'
import { listKeys } from './list-keys.js'
import { putKey } from './put-key.js'

/** Cache of the admin API (docs/admin-api.md): keys by pattern, with TTLs; read and write. */
export function registerCacheAdminRoutes(
  scope: FastifyInstance,
  deps: Pick<AdminDeps, 'cache'>,
): void {
  listKeys(scope, deps.cache)
  getKey(scope, deps.cache)
  putKey(scope, deps.cache)
  deleteKey(scope, deps.cache)
}
