import { useEffect } from 'preact/hooks'
import type { AdminApi, Page } from '../../api.js'
import { Button, DataTable, ErrorMessage, Pager, formatDate, usePaged } from '../../ui/index.js'
import { errorSummary } from './job-text.js'
import { JOBS_PAGE_SIZE, type TaskInfo, type TaskRun } from './jobs-types.js'
import { StatusBadge } from './status-badge.js'
import { NextTick } from './task-table.js'
import { useLoad } from '../../ui/use-load.js'
import { useNow } from './use-now.js'
import { useRunTask } from './use-run-task.js'

/** How often the runs reload while one of them is still pending or processing. */
const ACTIVE_RELOAD_MS = 2000

/** `#/jobs/tasks/<name>`: a task's schedule and its runs, newest first, with Run now. */
export function TaskRuns(props: { api: AdminApi; task: string }) {
  const { api, task } = props
  const now = useNow()
  const tasks = useLoad(() => api.get<{ items: TaskInfo[] }>('/tasks'), [api])
  const info = tasks.data?.items.find((item) => item.name === task)
  const runs = usePaged(
    (page) =>
      api.get<Page<TaskRun>>(`/tasks/${encodeURIComponent(task)}/runs`, {
        page,
        size: JOBS_PAGE_SIZE,
      }),
    [api, task],
  )
  const refresh = () => {
    runs.reload()
    tasks.reload()
  }
  const runTask = useRunTask(api, refresh)

  // Follow runs that are under way until they finish.
  const active = runs.data?.items.some(
    (run) => run.status === 'pending' || run.status === 'processing',
  )
  useEffect(() => {
    if (!active || runs.loading) return
    const timer = setTimeout(refresh, ACTIVE_RELOAD_MS)
    return () => clearTimeout(timer)
  }, [active, runs.loading, runs.data])

  const columns = [
    {
      key: 'triggered',
      label: 'Triggered',
      render: (run: TaskRun) => <span title={run.taskId}>{formatDate(run.triggeredAt)}</span>,
    },
    { key: 'by', label: 'By', render: (run: TaskRun) => run.triggeredBy ?? '—' },
    {
      key: 'status',
      label: 'Status',
      render: (run: TaskRun) => <StatusBadge status={run.status} />,
    },
    { key: 'started', label: 'Started', render: (run: TaskRun) => formatDate(run.startedAt) },
    { key: 'completed', label: 'Completed', render: (run: TaskRun) => formatDate(run.completedAt) },
    {
      key: 'error',
      label: 'Error',
      render: (run: TaskRun) => <span class="jobs-error">{errorSummary(run.errors)}</span>,
    },
  ]

  return (
    <section class="jobs-view">
      <p class="jobs-crumbs">
        <a href="#/jobs">Queues &amp; tasks</a> / {task}
      </p>
      <div class="jobs-head">
        <h1>Task: {task}</h1>
        <Button
          variant="primary"
          busy={runTask.busy === `run:${task}`}
          onClick={() => void runTask.run(task)}
        >
          Run now
        </Button>
        <Button busy={runs.loading} onClick={refresh}>
          Refresh
        </Button>
      </div>
      {info && (
        <dl class="jobs-facts">
          <dt>Schedule</dt>
          <dd>
            <code>{info.schedule}</code>
          </dd>
          <dt>Time zone</dt>
          <dd>{info.timeZone ?? 'UTC'}</dd>
          <dt>Next tick</dt>
          <dd>
            <NextTick at={info.nextTickAt} now={now} />
          </dd>
        </dl>
      )}
      <ErrorMessage error={tasks.error ?? runTask.error} />
      <p class="jobs-notice" role="status">
        {runTask.notice}
      </p>
      <h2>Runs</h2>
      <ErrorMessage error={runs.error} />
      <DataTable
        label={`Runs of ${task}`}
        columns={columns}
        rows={runs.data?.items ?? []}
        rowKey={(run) => run.taskId}
        empty={runs.loading ? 'Loading…' : 'No runs yet.'}
      />
      {runs.data && (
        <Pager
          page={runs.page}
          size={runs.data.size}
          total={runs.data.total}
          onPage={runs.setPage}
        />
      )}
    </section>
  )
}
