import { useEffect, useState } from 'preact/hooks'
import type { AdminApi, Page } from '../api.js'
import { DataTable, ErrorMessage, formatDate, Loading, Pager, Tabs, usePaged } from '../ui/index.js'

type Kind = 'requests' | 'errors'

interface LogEntry {
  time: string
  requestId: string
  method: string
  url: string
  status: number
  ms: number
  error?: { code?: string; message?: string; stack?: string } | string
}

const PAGE_SIZE = 50
const REFRESH_MS = 5000

const statusClass = (status: number) =>
  status >= 500 ? 'badge badge-danger' : status >= 400 ? 'badge' : 'badge badge-ok'

const errorText = (error: LogEntry['error']) =>
  !error
    ? ''
    : typeof error === 'string'
      ? error
      : [error.code, error.message].filter(Boolean).join(': ')

/** This process's last requests and errors, newest first, with request ids; can refresh itself. */
export function LogsView(props: { api: AdminApi; path: string[] }) {
  const kind: Kind = props.path[0] === 'errors' ? 'errors' : 'requests'
  const [auto, setAuto] = useState(false)
  const paged = usePaged(
    (page) => props.api.get<Page<LogEntry>>('/logs', { kind, page, size: PAGE_SIZE }),
    [kind],
  )
  useEffect(() => {
    if (!auto) return
    const timer = setInterval(paged.reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [auto, kind, paged.page])

  return (
    <section>
      <div class="row-between">
        <h1>Logs</h1>
        <label class="check">
          <input
            type="checkbox"
            checked={auto}
            onChange={(e) => setAuto(e.currentTarget.checked)}
          />
          Auto-refresh (every {REFRESH_MS / 1000} s)
        </label>
      </div>
      <Tabs
        label="Log kind"
        tabs={[
          { key: 'requests', label: 'Requests' },
          { key: 'errors', label: 'Errors' },
        ]}
        value={kind}
        onChange={(next) => (location.hash = `#/logs/${next}`)}
      />
      <ErrorMessage error={paged.error} />
      {paged.loading && !paged.data && <Loading />}
      {paged.data && (
        <>
          <DataTable
            label={kind === 'errors' ? 'Errors' : 'Requests'}
            columns={[
              { key: 'time', label: 'Time', render: (e: LogEntry) => formatDate(e.time) },
              { key: 'method', label: 'Method' },
              {
                key: 'url',
                label: 'URL',
                render: (e: LogEntry) => <span class="mono">{e.url}</span>,
              },
              {
                key: 'status',
                label: 'Status',
                render: (e: LogEntry) => <span class={statusClass(e.status)}>{e.status}</span>,
              },
              { key: 'ms', label: 'ms', render: (e: LogEntry) => Math.round(e.ms) },
              {
                key: 'requestId',
                label: 'Request id',
                render: (e: LogEntry) => <span class="mono">{e.requestId}</span>,
              },
              ...(kind === 'errors'
                ? [
                    {
                      key: 'error',
                      label: 'Error',
                      render: (e: LogEntry) => (
                        <span title={typeof e.error === 'object' ? e.error.stack : undefined}>
                          {errorText(e.error)}
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
            rows={paged.data.items}
            busy={paged.loading && !auto}
            rowKey={(e) => `${e.requestId}-${e.time}`}
            empty={kind === 'errors' ? 'No errors logged.' : 'No requests logged yet.'}
          />
          <Pager
            page={paged.data.page}
            size={paged.data.size}
            total={paged.data.total}
            onPage={paged.setPage}
          />
        </>
      )}
    </section>
  )
}
