import { Button, DataTable, formatDate } from '../../ui/index.js'
import { errorSummary, relativeTime } from './job-text.js'
import type { TaskInfo } from './jobs-types.js'
import { StatusBadge } from './status-badge.js'
import { useNow } from './use-now.js'

/** The link to a task's runs. */
export function taskHref(name: string): string {
  return `#/jobs/tasks/${encodeURIComponent(name)}`
}

/** The next tick as a date plus "in 42 s", counting down. */
export function NextTick(props: { at: string | null; now: number }) {
  if (!props.at) return <span class="jobs-muted">—</span>
  return (
    <span>
      {formatDate(props.at)} <span class="jobs-muted">({relativeTime(props.at, props.now)})</span>
    </span>
  )
}

/** The scheduled tasks: schedule, time zone, next tick, last run and a Run now button. */
export function TaskTable(props: {
  tasks: TaskInfo[]
  loading: boolean
  busy: string | null
  onRun: (task: TaskInfo) => void
}) {
  const now = useNow()
  const columns = [
    {
      key: 'name',
      label: 'Task',
      render: (task: TaskInfo) => <a href={taskHref(task.name)}>{task.name}</a>,
    },
    {
      key: 'schedule',
      label: 'Schedule',
      render: (task: TaskInfo) => <code>{task.schedule}</code>,
    },
    { key: 'timeZone', label: 'Time zone', render: (task: TaskInfo) => task.timeZone ?? 'UTC' },
    {
      key: 'next',
      label: 'Next tick',
      render: (task: TaskInfo) => <NextTick at={task.nextTickAt} now={now} />,
    },
    {
      key: 'last',
      label: 'Last run',
      render: (task: TaskInfo) =>
        task.lastRun ? (
          <span title={errorSummary(task.lastRun.errors) || undefined}>
            <StatusBadge status={task.lastRun.status} />{' '}
            <span class="jobs-muted">{relativeTime(task.lastRun.triggeredAt, now)}</span>
          </span>
        ) : (
          <span class="jobs-muted">Never</span>
        ),
    },
    {
      key: 'actions',
      label: 'Actions',
      render: (task: TaskInfo) => (
        <Button busy={props.busy === `run:${task.name}`} onClick={() => props.onRun(task)}>
          Run now
        </Button>
      ),
    },
  ]
  return (
    <DataTable
      label="Tasks"
      columns={columns}
      rows={props.tasks}
      rowKey={(task) => task.name}
      empty={props.loading ? 'Loading…' : 'No scheduled tasks are defined.'}
    />
  )
}
