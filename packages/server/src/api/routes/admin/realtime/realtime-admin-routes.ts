import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { listChannels } from './list-channels.js'

/** Realtime of the admin API (docs/admin-api.md): channels and their members. */
export function registerRealtimeAdminRoutes(
  scope: FastifyInstance,
  deps: Pick<AdminDeps, 'realtime'>,
): void {
  listChannels(scope, deps.realtime)
}
