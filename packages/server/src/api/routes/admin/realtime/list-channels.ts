import type { FastifyInstance } from 'fastify'
import type { RealtimeService } from '../../../../core/realtime/realtime-service.js'

/**
 * GET /realtime/channels: the connected sockets and every channel with its members, on every
 * process (through the Redis adapter when configured).
 */
export function listChannels(scope: FastifyInstance, realtime: RealtimeService): void {
  scope.get('/realtime/channels', async () => {
    const { sockets, channels } = await realtime.snapshot()
    return { sockets, items: channels }
  })
}
