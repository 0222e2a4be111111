import type { AdminApi } from '../../api.js'
import { Button, ErrorMessage } from '../../ui/index.js'
import type { QueueInfo, TaskInfo } from './jobs-types.js'
import { QueueTable } from './queue-table.js'
import { TaskTable } from './task-table.js'
import { useLoad } from '../../ui/use-load.js'
import { useRunTask } from './use-run-task.js'

/** `#/jobs`: every queue with its counts, every scheduled task with its next tick. */
export function JobsOverview(props: { api: AdminApi }) {
  const { api } = props
  const queues = useLoad(() => api.get<{ items: QueueInfo[] }>('/queues'), [api])
  const tasks = useLoad(() => api.get<{ items: TaskInfo[] }>('/tasks'), [api])
  const runTask = useRunTask(api, () => tasks.reload())
  const refresh = () => {
    queues.reload()
    tasks.reload()
  }
  return (
    <section class="jobs-view">
      <div class="jobs-head">
        <h1>Queues &amp; tasks</h1>
        <Button busy={queues.loading || tasks.loading} onClick={refresh}>
          Refresh
        </Button>
      </div>
      <h2>Queues</h2>
      <ErrorMessage error={queues.error} />
      <QueueTable queues={queues.data?.items ?? []} loading={queues.loading} />
      <h2>Tasks</h2>
      <ErrorMessage error={tasks.error ?? runTask.error} />
      <p class="jobs-notice" role="status">
        {runTask.notice}
      </p>
      <TaskTable
        tasks={tasks.data?.items ?? []}
        loading={tasks.loading}
        busy={runTask.busy}
        onRun={(task) => void runTask.run(task.name)}
      />
    </section>
  )
}
