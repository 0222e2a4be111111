import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { getSettings } from './get-settings.js'

/** The settings area of the admin API (docs/admin-api.md#outbox-logs-settings). */
export function registerSettingsAdminRoutes(scope: FastifyInstance, deps: AdminDeps): void {
  getSettings(scope, deps.config)
}
