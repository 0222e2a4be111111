import { useState } from 'preact/hooks'
import type { AdminApi, Page } from '../api.js'
import {
  DataTable,
  ErrorMessage,
  formatDate,
  Loading,
  Pager,
  Tabs,
  useDebounced,
  usePaged,
} from '../ui/index.js'
import { MessageDialog } from './outbox/message-dialog.js'
import type { OutboxMessage } from './outbox/message-dialog.js'

type Kind = 'mail' | 'sms'

const PAGE_SIZE = 25

/** Mail and SMS the app sent through the outbox (dev and test modes), newest first. */
export function OutboxView(props: { api: AdminApi; path: string[] }) {
  const kind: Kind = props.path[0] === 'sms' ? 'sms' : 'mail'
  const [search, setSearch] = useState('')
  const query = useDebounced(search.trim(), 300)
  const [open, setOpen] = useState<OutboxMessage | undefined>(undefined)
  const paged = usePaged(
    (page) =>
      props.api.get<Page<OutboxMessage>>('/outbox', { kind, search: query, page, size: PAGE_SIZE }),
    [kind, query],
  )
  return (
    <section>
      <h1>Outbox</h1>
      <Tabs
        label="Message kind"
        tabs={[
          { key: 'mail', label: 'Mail' },
          { key: 'sms', label: 'SMS' },
        ]}
        value={kind}
        onChange={(next) => (location.hash = `#/outbox/${next}`)}
      />
      <div class="row" role="search">
        <label class="grow row">
          <span class="field-label">Recipient</span>
          <input
            class="search"
            type="search"
            data-testid="filter"
            placeholder={kind === 'mail' ? 'someone@example.com' : '+1555…'}
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </label>
      </div>
      <ErrorMessage error={paged.error} />
      {paged.loading && !paged.data && <Loading />}
      {paged.data && (
        <>
          <DataTable
            label={kind === 'mail' ? 'Mail' : 'SMS'}
            columns={[
              {
                key: 'createdAt',
                label: 'Sent',
                render: (m: OutboxMessage) => formatDate(m.createdAt),
              },
              { key: 'recipient', label: 'To' },
              kind === 'mail'
                ? {
                    key: 'subject',
                    label: 'Subject',
                    render: (m: OutboxMessage) => (
                      <button type="button" class="link-button" onClick={() => setOpen(m)}>
                        {m.subject || '(no subject)'}
                      </button>
                    ),
                  }
                : {
                    key: 'body',
                    label: 'Text',
                    render: (m: OutboxMessage) => (
                      <button type="button" class="link-button" onClick={() => setOpen(m)}>
                        {m.body.length > 80 ? `${m.body.slice(0, 80)}…` : m.body}
                      </button>
                    ),
                  },
            ]}
            rows={paged.data.items}
            busy={paged.loading}
            rowKey={(m) => m.id}
            empty={query ? 'No message to this recipient.' : 'Nothing sent yet.'}
            onRowClick={setOpen}
          />
          <Pager
            page={paged.data.page}
            size={paged.data.size}
            total={paged.data.total}
            onPage={paged.setPage}
          />
        </>
      )}
      <MessageDialog message={open} onClose={() => setOpen(undefined)} />
    </section>
  )
}
