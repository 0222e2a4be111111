import type { FastifyInstance } from 'fastify'
import type { QueueService } from '../../../core/functions/queues/queue-service.js'
import { getMessageStatusRoute } from './get-message-status.js'
import { submitMessageRoute } from './submit-message.js'

/** Registers the queue routes of the protocol (§6.2 and §8 rows 86-87). */
export function registerQueueRoutes(app: FastifyInstance, queues: QueueService): void {
  submitMessageRoute(app, queues)
  getMessageStatusRoute(app, queues)
}
