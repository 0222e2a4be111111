import type { Queryable } from '../../../adapters/database/database.js'
import { fail } from '../../../tools/errors.js'
import type { QueueService } from '../../functions/queues/queue-service.js'
import type { TaskService } from '../../functions/tasks/task-service.js'
import type { AdminPage, AdminPageRequest } from './admin-page.js'
import { getMessage, listMessages, listQueues } from './queue-admin.js'
import type { AdminMessage, AdminQueue, MessageStatus } from './queue-admin.js'
import { listRuns, listTasks, runOnceRun } from './task-admin.js'
import type { AdminTask, AdminTaskRun } from './task-admin.js'

/** What a retry resets. */
const REQUEUED = {
  status: 'pending',
  attempts: 0,
  deadLetter: false,
  startedAt: null,
  completedAt: null,
  errors: null,
} as const

/** The admin console's view of the app's queues and tasks: status rows, retries and runs. */
export class JobsAdmin {
  constructor(
    private readonly db: Queryable,
    private readonly queues: QueueService,
    private readonly tasks: TaskService,
  ) {}

  /** Every declared queue by name, with its message counts per status. */
  listQueues(): Promise<AdminQueue[]> {
    return listQueues(this.db, this.queues.queueConfigs())
  }

  /** A page of a declared queue's messages, newest first; unknown_queue for another name. */
  listMessages(
    queue: string,
    status: MessageStatus | null,
    page: AdminPageRequest,
  ): Promise<AdminPage<AdminMessage>> {
    if (!Object.hasOwn(this.queues.queueConfigs(), queue)) {
      throw fail('unknown_queue', `No queue named '${queue}' is declared.`, { queue })
    }
    return listMessages(this.db, queue, status, page)
  }

  /**
   * Runs a message in `errors` (dead letters included) again with the same messageId; answers
   * it as requeued (a worker may have started it since). message_not_retryable otherwise.
   */
  async retry(messageId: string): Promise<AdminMessage> {
    await this.queues.retry(messageId)
    const message = await getMessage(this.db, messageId)
    if (!message) throw fail('message_not_found', undefined, { messageId })
    return { ...message, ...REQUEUED }
  }

  /** Every declared task by name, with its next tick and latest run. */
  listTasks(): Promise<AdminTask[]> {
    return listTasks(this.db, this.tasks.taskConfigs())
  }

  /** A page of a declared task's runs, newest first; unknown_task for another name. */
  listRuns(task: string, page: AdminPageRequest): Promise<AdminPage<AdminTaskRun>> {
    if (!Object.hasOwn(this.tasks.taskConfigs(), task)) {
      throw fail('unknown_task', `No task named '${task}' is declared.`, { task })
    }
    return listRuns(this.db, task, page)
  }

  /** Runs a task now on this process (as `runOnce`); answers the run. */
  async runOnce(task: string): Promise<AdminTaskRun> {
    return runOnceRun(await this.tasks.runOnce(task))
  }
}
