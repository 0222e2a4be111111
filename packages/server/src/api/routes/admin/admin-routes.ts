import type { FastifyInstance } from 'fastify'
import { ADMIN_PREFIX } from '@basalt/protocol'
import type { AdminDeps } from './admin-deps.js'
import { registerAdminGuard } from './admin-guard.js'
import { getMe } from './auth/get-me.js'
import { adminSignIn } from './auth/sign-in.js'
import { adminSignOut } from './auth/sign-out.js'
// Areas of the admin API (docs/admin-api.md): one import per area.
import { registerOverviewAdminRoutes } from './overview/overview-admin-routes.js'
import { registerDataAdminRoutes } from './data/data-admin-routes.js'
import { registerUsersAdminRoutes } from './users/users-admin-routes.js'
import { registerKeysAdminRoutes } from './keys/keys-admin-routes.js'
import { registerOutboxAdminRoutes } from './outbox/outbox-admin-routes.js'
import { registerLogsAdminRoutes } from './logs/logs-admin-routes.js'
import { registerSettingsAdminRoutes } from './settings/settings-admin-routes.js'
import { registerStorageAdminRoutes } from './storage/storage-admin-routes.js'
import { registerJobsAdminRoutes } from './jobs/jobs-admin-routes.js'
import { registerCacheAdminRoutes } from './cache/cache-admin-routes.js'
import { registerRealtimeAdminRoutes } from './realtime/realtime-admin-routes.js'

/**
 * The admin API under /_api/admin/v1 (docs/admin-api.md): sign-in, then every area behind the
 * admin guard. It answers admins only; the client-key guard never sees these paths.
 */
export async function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  await app.register(
    async (open) => {
      adminSignIn(open, deps.admins)
      await open.register(async (scope) => {
        registerAdminGuard(scope, deps.admins)
        adminSignOut(scope, deps.admins)
        getMe(scope)
        // Areas: one call per area.
        registerOverviewAdminRoutes(scope, deps)
        registerDataAdminRoutes(scope, deps)
        registerUsersAdminRoutes(scope, deps)
        registerKeysAdminRoutes(scope, deps)
        registerOutboxAdminRoutes(scope, deps)
        registerLogsAdminRoutes(scope, deps)
        registerSettingsAdminRoutes(scope, deps)
        registerStorageAdminRoutes(scope, deps)
        registerJobsAdminRoutes(scope, deps)
        registerCacheAdminRoutes(scope, deps)
        registerRealtimeAdminRoutes(scope, deps)
      })
    },
    { prefix: ADMIN_PREFIX },
  )
}
