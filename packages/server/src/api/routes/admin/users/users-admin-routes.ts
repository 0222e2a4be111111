import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { getUserRoute } from './get-user.js'
import { listSessionsRoute } from './list-sessions.js'
import { listUsersRoute } from './list-users.js'
import { revokeSessionRoute } from './revoke-session.js'
import { revokeSessionsRoute } from './revoke-sessions.js'
import { updateUserRoute } from './update-user.js'

/** The users and sessions area of the admin API (docs/admin-api.md#users-and-sessions). */
export function registerUsersAdminRoutes(scope: FastifyInstance, deps: AdminDeps): void {
  listUsersRoute(scope, deps.records)
  getUserRoute(scope, deps.records)
  updateUserRoute(scope, deps.auth)
  listSessionsRoute(scope, deps.records)
  revokeSessionsRoute(scope, deps.auth)
  revokeSessionRoute(scope, deps.auth)
}
