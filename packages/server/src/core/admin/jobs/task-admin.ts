import type { Queryable } from '../../../adapters/database/database.js'
import type { TaskConfig } from '../../../config/functions-config.js'
import { nextTick } from '../../functions/tasks/cron-ticker.js'
import type { TaskInfo } from '../../functions/tasks/task-store.js'
import { limitOffset, pageTotal } from './admin-page.js'
import type { AdminPage, AdminPageRequest } from './admin-page.js'

/** One run of a task as the admin console shows it. */
export interface AdminTaskRun {
  taskId: string
  task: string
  triggeredBy: 'schedule' | 'runOnce'
  triggeredAt: string
  status: 'pending' | 'processing' | 'completed' | 'errors'
  startedAt: string | null
  completedAt: string | null
  errors: Record<string, unknown> | null
}

/** A declared task, when it next runs on its schedule, and its latest run (null for none). */
export interface AdminTask {
  name: string
  schedule: string
  timeZone: string
  nextTickAt: string | null
  lastRun: AdminTaskRun | null
}

interface RunRow {
  [column: string]: unknown
  id: string
  task: string
  triggered_by: AdminTaskRun['triggeredBy']
  triggered_at: Date
  status: AdminTaskRun['status']
  started_at: Date | null
  completed_at: Date | null
  errors: Record<string, unknown> | null
}

const COLUMNS = 'id, task, triggered_by, triggered_at, status, started_at, completed_at, errors'

/** The declared tasks by name, with the next tick after `now` and the latest run of each. */
export async function listTasks(
  db: Queryable,
  configs: Readonly<Record<string, TaskConfig>>,
  now = new Date(),
): Promise<AdminTask[]> {
  const rows = await db.query<RunRow>(
    `SELECT DISTINCT ON (task) ${COLUMNS} FROM basalt.task_runs
      WHERE task = ANY($1::text[]) ORDER BY task, triggered_at DESC, id DESC`,
    [Object.keys(configs)],
  )
  const last = new Map(rows.map((row) => [row.task, toRun(row)]))
  return Object.entries(configs)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, config]) => ({
      name,
      schedule: config.schedule,
      timeZone: config.timeZone,
      nextTickAt: nextTick(config.schedule, config.timeZone, now)?.toISOString() ?? null,
      lastRun: last.get(name) ?? null,
    }))
}

/** A page of a task's runs, newest first. */
export async function listRuns(
  db: Queryable,
  task: string,
  page: AdminPageRequest,
): Promise<AdminPage<AdminTaskRun>> {
  const rows = await db.query<RunRow>(
    `SELECT ${COLUMNS}, count(*) OVER () AS _total FROM basalt.task_runs
      WHERE task = $1 ORDER BY triggered_at DESC, id DESC LIMIT $2 OFFSET $3`,
    [task, ...limitOffset(page)],
  )
  const count = 'SELECT count(*) AS n FROM basalt.task_runs WHERE task = $1'
  return { items: rows.map(toRun), total: await pageTotal(db, rows, count, [task]) }
}

/** A run as `runOnce` answers it, in the admin console's shape. */
export function runOnceRun(info: TaskInfo): AdminTaskRun {
  return {
    taskId: info.taskId,
    task: info.scheduledTaskName,
    triggeredBy: 'runOnce',
    triggeredAt: info.triggeredAt,
    status: info.status,
    startedAt: info.startedAt,
    completedAt: info.completedAt,
    errors: info.errors,
  }
}

function toRun(row: RunRow): AdminTaskRun {
  return {
    taskId: row.id,
    task: row.task,
    triggeredBy: row.triggered_by,
    triggeredAt: row.triggered_at.toISOString(),
    status: row.status,
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    errors: row.errors,
  }
}
