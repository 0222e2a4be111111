import { DataTable } from '../../ui/index.js'
import { MESSAGE_STATUSES, type QueueInfo } from './jobs-types.js'

/** The link to a queue's messages, optionally filtered by status. */
export function queueHref(name: string, status?: string): string {
  const base = `#/jobs/queues/${encodeURIComponent(name)}`
  return status ? `${base}/${status}` : base
}

/** The queues with their message counts per status (each count links to those messages). */
export function QueueTable(props: { queues: QueueInfo[]; loading: boolean }) {
  const countColumns = MESSAGE_STATUSES.map((status) => ({
    key: status,
    label: status[0]!.toUpperCase() + status.slice(1),
    render: (queue: QueueInfo) => (
      <a href={queueHref(queue.name, status)} aria-label={`${queue.name}: ${status}`}>
        {queue.counts?.[status] ?? 0}
      </a>
    ),
  }))
  const columns = [
    {
      key: 'name',
      label: 'Queue',
      render: (queue: QueueInfo) => <a href={queueHref(queue.name)}>{queue.name}</a>,
    },
    ...countColumns,
    {
      key: 'deadLetter',
      label: 'Dead letter',
      render: (queue: QueueInfo) => String(queue.counts?.deadLetter ?? 0),
    },
    { key: 'concurrency', label: 'Concurrency', render: (q: QueueInfo) => String(q.concurrency) },
    { key: 'retries', label: 'Retries', render: (queue: QueueInfo) => String(queue.retries) },
  ]
  return (
    <DataTable
      label="Queues"
      columns={columns}
      rows={props.queues}
      rowKey={(queue) => queue.name}
      empty={props.loading ? 'Loading…' : 'No queues are defined.'}
    />
  )
}
