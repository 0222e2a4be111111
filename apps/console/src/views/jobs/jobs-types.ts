/** The statuses of queue messages and task runs. */
export type JobStatus = 'pending' | 'processing' | 'completed' | 'errors'

/** The message statuses the messages list filters on, in display order. */
export const MESSAGE_STATUSES: JobStatus[] = ['pending', 'processing', 'completed', 'errors']

/** A queue as `GET /queues` lists it. */
export interface QueueInfo {
  name: string
  concurrency: number
  retries: number
  counts: Record<JobStatus | 'deadLetter', number>
}

/** A queue message as `GET /queues/:name/messages` lists it. */
export interface QueueMessage {
  messageId: string
  queue: string
  message: unknown
  status: JobStatus
  attempts: number
  deadLetter: boolean
  submittedAt: string
  startedAt: string | null
  completedAt: string | null
  errors: unknown
}

/** A run of a scheduled task. */
export interface TaskRun {
  taskId: string
  task: string
  triggeredBy: string
  triggeredAt: string
  status: JobStatus
  startedAt: string | null
  completedAt: string | null
  errors: unknown
}

/** A scheduled task as `GET /tasks` lists it. */
export interface TaskInfo {
  name: string
  schedule: string
  timeZone: string | null
  nextTickAt: string | null
  lastRun: TaskRun | null
}

/** Rows per page of the message and run lists. */
export const JOBS_PAGE_SIZE = 25
