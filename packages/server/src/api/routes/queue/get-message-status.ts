import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { QueueService } from '../../../core/functions/queues/queue-service.js'

/** GET /queue/:messageId: the message's MessageInfo, or null when unknown or expired. */
export function getMessageStatusRoute(app: FastifyInstance, queues: QueueService): void {
  app.get<{ Params: { messageId: string } }>(
    `${REST_PREFIX}/queue/:messageId`,
    { config: { module: 'queue' } },
    async (request, reply) => {
      const info = await queues.status(request.params.messageId)
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(info))
    },
  )
}
