import type { FastifyInstance } from 'fastify'
import type { RealtimeService } from '../../../core/realtime/realtime-service.js'
import { getMembersRoute } from './get-members.js'

/** Registers the realtime REST route of the protocol (§7.4 and §8 row 90). */
export function registerRealtimeRoutes(app: FastifyInstance, realtime: RealtimeService): void {
  getMembersRoute(app, realtime)
}
