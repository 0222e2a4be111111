import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { RealtimeService } from '../../../core/realtime/realtime-service.js'
import { parseBody } from '../parse-body.js'

/** The body of POST /realtime/get-members. */
export const getMembersBody = z.object({ channel: z.string().min(1) })

/** POST /realtime/get-members: `[{id, data}]` for the sockets in a channel, on every process. */
export function getMembersRoute(app: FastifyInstance, realtime: RealtimeService): void {
  app.post(
    `${REST_PREFIX}/realtime/get-members`,
    { config: { module: 'realtime' } },
    async (request) => {
      const { channel } = parseBody(getMembersBody, request)
      return realtime.members(channel)
    },
  )
}
