import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'
import { listMessages } from './list-messages.js'
import { listQueues } from './list-queues.js'
import { listTaskRuns } from './list-task-runs.js'
import { listTasks } from './list-tasks.js'
import { retryMessage } from './retry-message.js'
import { runTask } from './run-task.js'

/** Queues and tasks of the admin API (docs/admin-api.md): status rows, retries, runs. */
export function registerJobsAdminRoutes(
  scope: FastifyInstance,
  deps: Pick<AdminDeps, 'jobs'>,
): void {
  const { jobs } = deps
  if (!jobs) return
  listQueues(scope, jobs)
  listMessages(scope, jobs)
  retryMessage(scope, jobs)
  listTasks(scope, jobs)
  listTaskRuns(scope, jobs)
  runTask(scope, jobs)
}
