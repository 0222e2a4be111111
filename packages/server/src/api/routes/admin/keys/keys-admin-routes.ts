import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { createKeyRoute } from './create-key.js'
import { listKeysRoute } from './list-keys.js'
import { revokeKeyRoute } from './revoke-key.js'

/** The keys area of the admin API (docs/admin-api.md#keys). */
export function registerKeysAdminRoutes(scope: FastifyInstance, deps: AdminDeps): void {
  listKeysRoute(scope, deps.records)
  createKeyRoute(scope, deps.records)
  revokeKeyRoute(scope, deps.records)
}
