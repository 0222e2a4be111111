import type { FastifyInstance } from 'fastify'
import type { RealtimeService } from '../../../../core/realtime/realtime-service.js'
import { parseBody } from '../../parse-body.js'
import { getMembersBody } from '../../realtime/get-members.js'
import { AGNOST_PREFIX } from '../agnost-paths.js'

/** POST /agnost/realtime/get-members `{channel}`: `[{id, data}]` of the channel's sockets. */
export function agnostGetMembersRoute(app: FastifyInstance, realtime: RealtimeService): void {
  app.post(`${AGNOST_PREFIX}/realtime/get-members`, async (request) => {
    const { channel } = parseBody(getMembersBody, request)
    return realtime.members(channel)
  })
}
