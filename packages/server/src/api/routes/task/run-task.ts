import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { REST_PREFIX } from '@basalt/protocol'
import type { TaskService } from '../../../core/functions/tasks/task-service.js'
import { parseBody } from '../parse-body.js'

/** The body of POST /task. */
export const runTaskBody = z.object({ taskNameOrId: z.string().min(1) })

/** POST /task: runs a task now; answers its TaskInfo. */
export function runTaskRoute(app: FastifyInstance, tasks: TaskService): void {
  app.post(`${REST_PREFIX}/task`, { config: { module: 'task' } }, async (request) => {
    const { taskNameOrId } = parseBody(runTaskBody, request)
    return tasks.runOnce(taskNameOrId)
  })
}
