import type { FastifyInstance } from 'fastify'
import { REST_PREFIX } from '@basalt/protocol'
import type { TaskService } from '../../../core/functions/tasks/task-service.js'

/** GET /task/:taskId: the run's TaskInfo, or null when unknown or older than 7 days. */
export function getTaskStatusRoute(app: FastifyInstance, tasks: TaskService): void {
  app.get<{ Params: { taskId: string } }>(
    `${REST_PREFIX}/task/:taskId`,
    { config: { module: 'task' } },
    async (request, reply) => {
      const info = await tasks.status(request.params.taskId)
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(info))
    },
  )
}
