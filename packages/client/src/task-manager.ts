import type { APIError } from '@basalt/protocol'
import { APIBase } from './api-base.js'
import type { Fetcher } from './fetcher.js'
import type { ProcessingStatus } from './queue-manager.js'

const TASK = '/_api/rest/v1/task'

/** A run of a scheduled task and its state; timestamps are ISO strings. */
export interface TaskInfo {
  /** The id to ask `getTaskStatus` about. */
  taskId: string
  scheduledTaskId: string
  scheduledTaskName: string
  triggeredAt: string
  startedAt: string
  completedAt: string
  status: ProcessingStatus
  /** What went wrong while running the task (status `errors`). */
  errors: object
}

/** What `runOnce` and `getTaskStatus` resolve to. */
export interface TaskResult {
  info: TaskInfo | null
  errors: APIError | null
}

/**
 * Runs the app's scheduled tasks ahead of their schedule and reads their status (§6.3). Unlike
 * the published client, `getTaskStatus` URI-encodes the task id in the path.
 */
export class TaskManager extends APIBase {
  /** Creates the task manager on the shared transport. */
  constructor(fetcher: Fetcher) {
    super(fetcher)
  }

  /** Triggers one run of the scheduled task named (or with the id) `taskNameOrId`. */
  async runOnce(taskNameOrId: string): Promise<TaskResult> {
    const { data, errors } = await this.fetcher.post<TaskInfo>(TASK, { taskNameOrId })
    return { info: data, errors }
  }

  /** The latest status of a task run; `info` is `null` if unknown or older than seven days. */
  async getTaskStatus(taskId: string): Promise<TaskResult> {
    const { data, errors } = await this.fetcher.get<TaskInfo>(
      `${TASK}/${encodeURIComponent(taskId)}`,
    )
    return { info: data, errors }
  }
}
