import { useState } from 'preact/hooks'
import type { AdminApi } from '../api.js'
import {
  Button,
  ConfirmDialog,
  CopyButton,
  DataTable,
  Dialog,
  ErrorMessage,
  formatDate,
  Loading,
  Pager,
  useLoad,
} from '../ui/index.js'
import { CreateKeyForm } from './keys/create-key-form.js'
import type { AdminKey } from './keys/key-types.js'
import { describeRights, keyState } from './keys/key-types.js'

/** The API lists every key at once; the console pages them. */
const PAGE_SIZE = 25

const STATE_BADGE = { active: 'badge badge-ok', revoked: 'badge badge-danger', expired: 'badge' }

/** Client and API keys: their rights, a create dialog that shows the secret once, revoke. */
export function KeysView(props: { api: AdminApi; path: string[] }) {
  const keys = useLoad(() => props.api.get<{ items: AdminKey[] }>('/keys'), [])
  const [creating, setCreating] = useState(false)
  const [secret, setSecret] = useState<{ key: AdminKey; secret: string } | undefined>(undefined)
  const [revoking, setRevoking] = useState<AdminKey | undefined>(undefined)
  const [page, setPage] = useState(1)
  const items = keys.data?.items ?? []
  const shown = items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const closeCreate = () => {
    setCreating(false)
    setSecret(undefined)
  }
  return (
    <section>
      <div class="row-between">
        <h1>Keys</h1>
        <Button variant="primary" onClick={() => setCreating(true)}>
          New key
        </Button>
      </div>
      <ErrorMessage error={keys.error} />
      {keys.loading && !keys.data && <Loading />}
      {keys.data && (
        <DataTable
          label="Keys"
          columns={[
            { key: 'name', label: 'Name' },
            { key: 'type', label: 'Type' },
            {
              key: 'prefix',
              label: 'Starts with',
              render: (key: AdminKey) => <span class="mono">{key.prefix}…</span>,
            },
            { key: 'rights', label: 'Rights', render: describeRights },
            {
              key: 'domains',
              label: 'Domains',
              render: (key: AdminKey) => (key.domains.length ? key.domains.join(', ') : 'any'),
            },
            {
              key: 'state',
              label: 'State',
              render: (key: AdminKey) => {
                const state = keyState(key)
                return <span class={STATE_BADGE[state]}>{state}</span>
              },
            },
            {
              key: 'createdAt',
              label: 'Created',
              render: (key: AdminKey) => formatDate(key.createdAt),
            },
            {
              key: 'expiresAt',
              label: 'Expires',
              render: (key: AdminKey) => (key.expiresAt ? formatDate(key.expiresAt) : 'never'),
            },
            {
              key: 'revoke',
              label: '',
              render: (key: AdminKey) =>
                key.revokedAt ? null : (
                  <Button onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </Button>
                ),
            },
          ]}
          rows={shown}
          rowKey={(key) => key.id}
          empty="No keys yet."
        />
      )}
      {keys.data && <Pager page={page} size={PAGE_SIZE} total={items.length} onPage={setPage} />}
      <Dialog title={secret ? 'Key created' : 'New key'} open={creating} onClose={closeCreate}>
        {secret ? (
          <div class="stack">
            <div class="secret-box stack">
              <p>
                <strong>Copy the secret now:</strong> it is shown only this once.
              </p>
              <code class="mono" data-testid="secret" style={{ wordBreak: 'break-all' }}>
                {secret.secret}
              </code>
              <div>
                <CopyButton text={secret.secret} label="Copy secret" />
              </div>
            </div>
            <div class="actions">
              <Button variant="primary" onClick={closeCreate}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <CreateKeyForm
            onCancel={closeCreate}
            onCreate={async (body) => {
              const created = await props.api.post<{ key: AdminKey; secret: string }>('/keys', body)
              setSecret(created)
              keys.reload()
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        title="Revoke this key?"
        open={revoking !== undefined}
        confirmLabel="Revoke"
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          await props.api.delete(`/keys/${encodeURIComponent(revoking!.id)}`)
          keys.reload()
        }}
      >
        <p>
          Every request made with “{revoking?.name}” will be refused from now on. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </section>
  )
}
