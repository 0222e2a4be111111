import { useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import {
  Button,
  ConfirmDialog,
  DataTable,
  ErrorMessage,
  formatDate,
  Loading,
  useLoad,
} from '../../ui/index.js'
import type { AdminSession } from './user-types.js'
import { describeAgent } from './user-types.js'

/** A user's live sessions, each revocable, and a button to revoke them all. */
export function UserSessions(props: { api: AdminApi; userId: string; version: number }) {
  const base = `/users/${encodeURIComponent(props.userId)}/sessions`
  const sessions = useLoad(
    () => props.api.get<{ items: AdminSession[] }>(base),
    [base, props.version],
  )
  const [revoking, setRevoking] = useState<AdminSession | 'all' | undefined>(undefined)
  const [notice, setNotice] = useState<string | undefined>(undefined)
  const items = sessions.data?.items ?? []

  const revoke = async () => {
    if (revoking === 'all') {
      const { revoked } = await props.api.delete<{ revoked: number }>(base)
      setNotice(`${revoked} session${revoked === 1 ? '' : 's'} revoked.`)
    } else if (revoking) {
      await props.api.delete(`${base}/${encodeURIComponent(revoking.id)}`)
      setNotice('Session revoked.')
    }
    sessions.reload()
  }

  return (
    <section class="stack" aria-labelledby="sessions-title">
      <div class="row-between">
        <h2 id="sessions-title">Sessions</h2>
        <Button variant="danger" disabled={items.length === 0} onClick={() => setRevoking('all')}>
          Revoke all sessions
        </Button>
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorMessage error={sessions.error} />
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.data && (
        <DataTable
          label="Sessions"
          columns={[
            {
              key: 'agent',
              label: 'Device',
              render: (s: AdminSession) => describeAgent(s.userAgent),
            },
            {
              key: 'createdAt',
              label: 'Started',
              render: (s: AdminSession) => formatDate(s.createdAt),
            },
            {
              key: 'expiresAt',
              label: 'Expires',
              render: (s: AdminSession) => formatDate(s.expiresAt),
            },
            {
              key: 'id',
              label: 'Id',
              render: (s: AdminSession) => <span class="mono">{s.id.slice(0, 12)}…</span>,
            },
            {
              key: 'revoke',
              label: '',
              render: (s: AdminSession) => (
                <Button
                  onClick={() => setRevoking(s)}
                  aria-label={`Revoke session ${s.id.slice(0, 12)}`}
                >
                  Revoke
                </Button>
              ),
            },
          ]}
          rows={items}
          rowKey={(s) => s.id}
          empty="No live sessions."
        />
      )}
      <ConfirmDialog
        title={revoking === 'all' ? 'Revoke all sessions?' : 'Revoke this session?'}
        open={revoking !== undefined}
        confirmLabel={revoking === 'all' ? 'Revoke all' : 'Revoke'}
        onClose={() => setRevoking(undefined)}
        onConfirm={revoke}
      >
        <p>
          {revoking === 'all'
            ? 'The user will be signed out on every device.'
            : 'The user will be signed out on this device.'}
        </p>
      </ConfirmDialog>
    </section>
  )
}
