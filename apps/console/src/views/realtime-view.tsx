import { useState } from 'preact/hooks'
import type { AdminApi } from '../api.js'
import { Button, DataTable, ErrorMessage, Pager, formatDate } from '../ui/index.js'
import { MemberList } from './realtime/member-list.js'
import {
  CHANNEL_PAGE_SIZE,
  POLL_MS,
  type Channel,
  type RealtimeSnapshot,
} from './realtime/realtime-types.js'
import { usePoll } from './realtime/use-poll.js'
import './realtime/realtime.css'

/** `#/realtime`: connected sockets and channels with their members, refreshed every 2 s. */
export function RealtimeView(props: { api: AdminApi; path: string[] }) {
  const { api } = props
  const [paused, setPaused] = useState(false)
  const [filter, setFilter] = useState('')
  const [page, setPage] = useState(1)
  const snapshot = usePoll(() => api.get<RealtimeSnapshot>('/realtime/channels'), POLL_MS, !paused)

  const needle = filter.trim().toLowerCase()
  const channels = (snapshot.data?.items ?? []).filter((item) =>
    item.channel.toLowerCase().includes(needle),
  )
  const pages = Math.max(1, Math.ceil(channels.length / CHANNEL_PAGE_SIZE))
  const current = Math.min(page, pages)
  const shown = channels.slice((current - 1) * CHANNEL_PAGE_SIZE, current * CHANNEL_PAGE_SIZE)
  const members = (snapshot.data?.items ?? []).reduce((sum, item) => sum + item.members.length, 0)

  const columns = [
    { key: 'channel', label: 'Channel', render: (item: Channel) => <code>{item.channel}</code> },
    { key: 'count', label: 'Members', render: (item: Channel) => String(item.members.length) },
    {
      key: 'members',
      label: 'Member id and data',
      render: (item: Channel) => <MemberList members={item.members} />,
    },
  ]

  return (
    <section class="realtime-view">
      <div class="realtime-head">
        <h1>Realtime</h1>
        <span
          class={paused ? 'realtime-state realtime-paused' : 'realtime-state realtime-live'}
          data-testid="live"
          role="status"
        >
          {paused ? 'Paused' : 'Live'}
        </span>
        <Button aria-pressed={paused ? 'true' : 'false'} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </Button>
        <span class="realtime-muted">
          {snapshot.updatedAt
            ? `Updated ${formatDate(snapshot.updatedAt.toISOString())}`
            : 'Loading…'}
        </span>
      </div>
      <dl class="realtime-stats">
        <div>
          <dt>Connected sockets</dt>
          <dd data-testid="sockets">{snapshot.data?.sockets ?? '—'}</dd>
        </div>
        <div>
          <dt>Channels</dt>
          <dd>{snapshot.data?.items.length ?? '—'}</dd>
        </div>
        <div>
          <dt>Memberships</dt>
          <dd>{snapshot.data ? members : '—'}</dd>
        </div>
      </dl>
      <ErrorMessage error={snapshot.error} />
      <label class="realtime-filter">
        <span>Filter channels</span>
        <input
          type="search"
          data-testid="filter"
          placeholder="Part of the channel name"
          value={filter}
          onInput={(event) => {
            setFilter(event.currentTarget.value)
            setPage(1)
          }}
        />
      </label>
      <DataTable
        label="Channels"
        columns={columns}
        rows={shown}
        rowKey={(item) => item.channel}
        empty={snapshot.data ? (needle ? 'No channel matches.' : 'No open channels.') : 'Loading…'}
      />
      <Pager page={current} size={CHANNEL_PAGE_SIZE} total={channels.length} onPage={setPage} />
    </section>
  )
}
