import type { FastifyInstance } from 'fastify'
import type { TaskService } from '../../../core/functions/tasks/task-service.js'
import { getTaskStatusRoute } from './get-task-status.js'
import { runTaskRoute } from './run-task.js'

/** Registers the task routes of the protocol (§6.3 and §8 rows 88-89). */
export function registerTaskRoutes(app: FastifyInstance, tasks: TaskService): void {
  runTaskRoute(app, tasks)
  getTaskStatusRoute(app, tasks)
}
