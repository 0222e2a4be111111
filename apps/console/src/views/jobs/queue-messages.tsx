import { useEffect, useState } from 'preact/hooks'
import type { AdminApi, Page } from '../../api.js'
import {
  Button,
  DataTable,
  ErrorMessage,
  Pager,
  Tabs,
  formatDate,
  usePaged,
} from '../../ui/index.js'
import { useAction } from '../storage/use-action.js'
import { errorSummary } from './job-text.js'
import {
  JOBS_PAGE_SIZE,
  MESSAGE_STATUSES,
  type JobStatus,
  type QueueInfo,
  type QueueMessage,
} from './jobs-types.js'
import { JsonCell } from './json-cell.js'
import { queueHref } from './queue-table.js'
import { StatusBadge } from './status-badge.js'
import { useLoad } from '../../ui/use-load.js'

type Filter = JobStatus | 'all'

const LABELS: Record<Filter, string> = {
  all: 'All',
  pending: 'Pending',
  processing: 'Processing',
  completed: 'Completed',
  errors: 'Errors',
}

/** `#/jobs/queues/<name>[/<status>]`: a queue's messages, newest first, with Retry on errors. */
export function QueueMessages(props: { api: AdminApi; queue: string; status: string | undefined }) {
  const { api, queue } = props
  const filter: Filter = MESSAGE_STATUSES.includes(props.status as JobStatus)
    ? (props.status as JobStatus)
    : 'all'
  const queues = useLoad(() => api.get<{ items: QueueInfo[] }>('/queues'), [api])
  const info = queues.data?.items.find((item) => item.name === queue)
  const list = usePaged(
    (page) =>
      api.get<Page<QueueMessage>>(`/queues/${encodeURIComponent(queue)}/messages`, {
        status: filter === 'all' ? undefined : filter,
        page,
        size: JOBS_PAGE_SIZE,
      }),
    [api, queue, filter],
  )
  // Messages retried here, shown as the API answered until the list loads again.
  const [retried, setRetried] = useState<Record<string, QueueMessage>>({})
  useEffect(() => setRetried({}), [list.data])
  const action = useAction()

  const retry = async (message: QueueMessage) => {
    const answer = await action.run(`retry:${message.messageId}`, () =>
      api.post<QueueMessage>(`/messages/${encodeURIComponent(message.messageId)}/retry`),
    )
    if (!answer) return
    setRetried((map) => ({ ...map, [message.messageId]: { ...message, ...answer } }))
    queues.reload()
  }
  const refresh = () => {
    list.reload()
    queues.reload()
  }

  const tabs = (['all', ...MESSAGE_STATUSES] as Filter[]).map((key) => ({
    key,
    label: info && key !== 'all' ? `${LABELS[key]} (${info.counts?.[key] ?? 0})` : LABELS[key],
  }))
  const rows = (list.data?.items ?? []).map((message) => retried[message.messageId] ?? message)
  const columns = [
    {
      key: 'submitted',
      label: 'Submitted',
      render: (m: QueueMessage) => <span title={m.messageId}>{formatDate(m.submittedAt)}</span>,
    },
    {
      key: 'status',
      label: 'Status',
      render: (m: QueueMessage) => (
        <span title={m.completedAt ? `Finished ${formatDate(m.completedAt)}` : undefined}>
          <StatusBadge status={m.status} />
          {m.deadLetter && <span class="badge badge-danger jobs-status">dead letter</span>}
        </span>
      ),
    },
    { key: 'attempts', label: 'Attempts', render: (m: QueueMessage) => String(m.attempts ?? 0) },
    {
      key: 'message',
      label: 'Message',
      render: (m: QueueMessage) => <JsonCell value={m.message} />,
    },
    {
      key: 'error',
      label: 'Error',
      render: (m: QueueMessage) => <span class="jobs-error">{errorSummary(m.errors)}</span>,
    },
    {
      key: 'actions',
      label: 'Actions',
      render: (m: QueueMessage) =>
        m.status === 'errors' ? (
          <Button busy={action.busy === `retry:${m.messageId}`} onClick={() => void retry(m)}>
            Retry
          </Button>
        ) : null,
    },
  ]

  return (
    <section class="jobs-view">
      <p class="jobs-crumbs">
        <a href="#/jobs">Queues &amp; tasks</a> / {queue}
      </p>
      <div class="jobs-head">
        <h1>Queue: {queue}</h1>
        <Button busy={list.loading} onClick={refresh}>
          Refresh
        </Button>
      </div>
      {info && (
        <p class="jobs-muted">
          Concurrency {info.concurrency} · retries {info.retries} · dead letter{' '}
          {info.counts?.deadLetter ?? 0}
        </p>
      )}
      <ErrorMessage error={queues.error} />
      <div data-testid="filter">
        <Tabs
          label="Status"
          tabs={tabs}
          value={filter}
          onChange={(key) => (location.hash = queueHref(queue, key === 'all' ? undefined : key))}
        />
      </div>
      <ErrorMessage error={list.error ?? action.error} />
      <DataTable
        label={`Messages of ${queue}`}
        columns={columns}
        rows={rows}
        rowKey={(m) => m.messageId}
        empty={list.loading ? 'Loading…' : 'No messages.'}
      />
      {list.data && (
        <Pager
          page={list.page}
          size={list.data.size}
          total={list.data.total}
          onPage={list.setPage}
        />
      )}
    </section>
  )
}
