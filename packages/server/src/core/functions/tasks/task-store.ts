import type { Queryable } from '../../../adapters/database/database.js'
import type { HandlerFailure } from '../queues/run-handler.js'

/** A task run's status as the client reads it (protocol §6.3). */
export interface TaskInfo {
  taskId: string
  scheduledTaskId: string
  scheduledTaskName: string
  triggeredAt: string
  startedAt: string | null
  completedAt: string | null
  status: 'pending' | 'processing' | 'completed' | 'errors'
  errors: Record<string, unknown> | null
}

interface RunRow {
  [column: string]: unknown
  id: string
  task: string
  triggered_at: Date
  started_at: Date | null
  completed_at: Date | null
  status: TaskInfo['status']
  errors: Record<string, unknown> | null
}

/** How long task runs are kept and readable (Altogic serves 7 days of task logs). */
export const TASK_RUN_RETENTION_DAYS = 7
const COLUMNS = 'id, task, triggered_at, started_at, completed_at, status, errors'

/** The runs of scheduled tasks, in basalt.task_runs. */
export class TaskStore {
  constructor(private readonly db: Queryable) {}

  /** Records a run a client asked for. */
  async insertRunOnce(id: string, task: string): Promise<TaskInfo> {
    const rows = await this.db.query<RunRow>(
      `INSERT INTO basalt.task_runs (id, task, triggered_by, triggered_at)
       VALUES ($1, $2, 'runOnce', now()) RETURNING ${COLUMNS}`,
      [id, task],
    )
    return toInfo(rows[0]!)
  }

  /**
   * Claims a cron tick: answers true for exactly one caller across every process (a unique
   * key on task and tick time), false when another process has it or a run of the task is
   * still going (overlap policy: skip).
   */
  async claimTick(id: string, task: string, tick: Date, timeoutSeconds: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO basalt.task_runs (id, task, triggered_by, triggered_at)
       SELECT $1, $2, 'schedule', $3
       WHERE NOT EXISTS (
         SELECT 1 FROM basalt.task_runs WHERE task = $2 AND status = 'processing'
           AND started_at > now() - make_interval(secs => $4))
       ON CONFLICT (task, triggered_at) WHERE triggered_by = 'schedule' DO NOTHING
       RETURNING id`,
      [id, task, tick, timeoutSeconds],
    )
    return rows.length === 1
  }

  /**
   * Claims a tick missed while no process ran (catch-up at start): as `claimTick`, and only when
   * the task has an earlier scheduled run, so that a new task does not run at once.
   */
  async claimMissedTick(
    id: string,
    task: string,
    tick: Date,
    timeoutSeconds: number,
  ): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO basalt.task_runs (id, task, triggered_by, triggered_at)
       SELECT $1, $2, 'schedule', $3
       WHERE EXISTS (
         SELECT 1 FROM basalt.task_runs WHERE task = $2 AND triggered_by = 'schedule'
           AND triggered_at < $3)
       AND NOT EXISTS (
         SELECT 1 FROM basalt.task_runs WHERE task = $2 AND status = 'processing'
           AND started_at > now() - make_interval(secs => $4))
       ON CONFLICT (task, triggered_at) WHERE triggered_by = 'schedule' DO NOTHING
       RETURNING id`,
      [id, task, tick, timeoutSeconds],
    )
    return rows.length === 1
  }

  async find(id: string): Promise<TaskInfo | null> {
    const rows = await this.db.query<RunRow>(
      `SELECT ${COLUMNS} FROM basalt.task_runs
       WHERE id = $1 AND triggered_at > now() - make_interval(days => $2)`,
      [id, TASK_RUN_RETENTION_DAYS],
    )
    return rows[0] ? toInfo(rows[0]) : null
  }

  async start(id: string): Promise<void> {
    await this.db.query(
      `UPDATE basalt.task_runs SET status = 'processing', started_at = now() WHERE id = $1`,
      [id],
    )
  }

  async finish(id: string, failure: HandlerFailure | undefined): Promise<void> {
    await this.db.query(
      `UPDATE basalt.task_runs SET status = $2, errors = $3, completed_at = now() WHERE id = $1`,
      [id, failure ? 'errors' : 'completed', failure ? JSON.stringify(failure) : null],
    )
  }

  /** Deletes runs past the retention. */
  async purge(): Promise<void> {
    await this.db.query(
      `DELETE FROM basalt.task_runs WHERE triggered_at < now() - make_interval(days => $1)`,
      [TASK_RUN_RETENTION_DAYS],
    )
  }
}

function toInfo(row: RunRow): TaskInfo {
  return {
    taskId: row.id,
    scheduledTaskId: row.task,
    scheduledTaskName: row.task,
    triggeredAt: row.triggered_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    status: row.status,
    errors: row.errors,
  }
}
