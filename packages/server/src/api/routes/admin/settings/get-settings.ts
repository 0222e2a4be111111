import type { FastifyInstance } from 'fastify'
import { settingsView } from '../../../../core/admin/settings/settings-view.js'
import type { ServerConfig } from '../../../../config/server-config.js'

/** GET /settings: the configuration in sections, secrets left out (read-only). */
export function getSettings(scope: FastifyInstance, config: ServerConfig): void {
  // The configuration is frozen at start: one view serves every request.
  const view = settingsView(config)
  scope.get('/settings', async () => view)
}
