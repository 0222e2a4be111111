import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { QueueService } from '../../../core/functions/queues/queue-service.js'
import { parseBody } from '../parse-body.js'

/** The body of POST /queue; `delay` in seconds. The service checks the message and delay. */
export const submitMessageBody = z.object({
  queueNameOrId: z.string().min(1),
  message: z.unknown(),
  delay: z.unknown().optional(),
})

/** POST /queue: submits a message; answers its MessageInfo, pending. */
export function submitMessageRoute(app: FastifyInstance, queues: QueueService): void {
  app.post(`${REST_PREFIX}/queue`, { config: { module: 'queue' } }, async (request) => {
    const { queueNameOrId, message, delay } = parseBody(submitMessageBody, request)
    return queues.submit(queueNameOrId, message, delay)
  })
}
