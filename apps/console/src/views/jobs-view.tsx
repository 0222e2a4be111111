import type { AdminApi } from '../api.js'
import { JobsOverview } from './jobs/jobs-overview.js'
import { QueueMessages } from './jobs/queue-messages.js'
import { TaskRuns } from './jobs/task-runs.js'
import './jobs/jobs.css'

/** `#/jobs`, `#/jobs/queues/<name>[/<status>]` and `#/jobs/tasks/<name>`. */
export function JobsView(props: { api: AdminApi; path: string[] }) {
  const [kind, name, status] = props.path
  if (kind === 'queues' && name) {
    return <QueueMessages key={name} api={props.api} queue={name} status={status} />
  }
  if (kind === 'tasks' && name) return <TaskRuns key={name} api={props.api} task={name} />
  return <JobsOverview api={props.api} />
}
