import { useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import {
  Button,
  ConfirmDialog,
  ErrorMessage,
  formatDate,
  formatValue,
  Loading,
  useAction,
  useLoad,
} from '../../ui/index.js'
import { UserStatus } from './user-list.js'
import { UserSessions } from './user-sessions.js'
import type { AdminUser } from './user-types.js'

type UserPatch = Partial<Pick<AdminUser, 'emailVerified' | 'phoneVerified' | 'disabled'>>

const KNOWN = new Set([
  '_id',
  'provider',
  'providerUserId',
  'email',
  'phone',
  'name',
  'profilePicture',
  'emailVerified',
  'phoneVerified',
  'signUpAt',
  'lastLoginAt',
  'disabled',
  'disabledAt',
])

/** One user: details, verification toggles, disable/enable, and sessions. */
export function UserPage(props: { api: AdminApi; id: string }) {
  const path = `/users/${encodeURIComponent(props.id)}`
  const user = useLoad(() => props.api.get<AdminUser>(path), [path])
  const [sessionsVersion, setSessionsVersion] = useState(0)
  const [confirmDisable, setConfirmDisable] = useState(false)
  // A toggle shows its new state at once; it reverts if the change is refused.
  const [pending, setPending] = useState<UserPatch>({})
  const update = useAction(async (patch: UserPatch) => {
    setPending(patch)
    try {
      user.setData(await props.api.patch<AdminUser>(path, patch))
    } finally {
      setPending({})
    }
  })
  const data: AdminUser | undefined = user.data && { ...user.data, ...pending }
  return (
    <section class="stack">
      <h1>Users</h1>
      <p class="crumbs">
        <a href="#/users">All users</a> / <span class="mono">{props.id}</span>
      </p>
      {data && <h2>{data.email ?? data.phone ?? data.name ?? 'User'}</h2>}
      <ErrorMessage error={user.error} />
      {user.loading && !data && <Loading />}
      {data && (
        <>
          <div class="card">
            <dl class="props">
              <dt>Id</dt>
              <dd class="mono">{data._id}</dd>
              <dt>Status</dt>
              <dd>
                <UserStatus user={data} />
                {data.disabledAt && <span class="muted"> since {formatDate(data.disabledAt)}</span>}
              </dd>
              <dt>Name</dt>
              <dd>{data.name ?? '—'}</dd>
              <dt>Email</dt>
              <dd>{data.email ?? '—'}</dd>
              <dt>Phone</dt>
              <dd>{data.phone ?? '—'}</dd>
              <dt>Provider</dt>
              <dd>{data.provider}</dd>
              <dt>Signed up</dt>
              <dd>{formatDate(data.signUpAt)}</dd>
              <dt>Last sign-in</dt>
              <dd>{formatDate(data.lastLoginAt)}</dd>
              {Object.keys(data)
                .filter((key) => !KNOWN.has(key))
                .map((key) => [
                  <dt key={`${key}-t`}>{key}</dt>,
                  <dd key={`${key}-d`} class="mono">
                    {formatValue(data[key])}
                  </dd>,
                ])}
            </dl>
          </div>
          <div class="card stack">
            <h2>Verification and access</h2>
            <div class="row">
              <label class="check">
                <input
                  type="checkbox"
                  checked={data.emailVerified}
                  disabled={update.busy}
                  onChange={(e) => update.run({ emailVerified: e.currentTarget.checked })}
                />
                Email verified
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  checked={data.phoneVerified}
                  disabled={update.busy}
                  onChange={(e) => update.run({ phoneVerified: e.currentTarget.checked })}
                />
                Phone verified
              </label>
              {update.busy && <span class="spinner" aria-label="Saving" />}
            </div>
            <div class="row">
              {data.disabled ? (
                <Button busy={update.busy} onClick={() => update.run({ disabled: false })}>
                  Enable user
                </Button>
              ) : (
                <Button variant="danger" onClick={() => setConfirmDisable(true)}>
                  Disable user
                </Button>
              )}
              <span class="muted">
                {data.disabled
                  ? 'Every sign-in of this user is refused.'
                  : 'Disabling signs the user out everywhere and refuses every sign-in.'}
              </span>
            </div>
            <ErrorMessage error={update.error} />
          </div>
          <div class="card">
            <UserSessions api={props.api} userId={data._id} version={sessionsVersion} />
          </div>
        </>
      )}
      <ConfirmDialog
        title="Disable this user?"
        open={confirmDisable}
        confirmLabel="Disable"
        onClose={() => setConfirmDisable(false)}
        onConfirm={async () => {
          user.setData(await props.api.patch<AdminUser>(path, { disabled: true }))
          setSessionsVersion((n) => n + 1)
        }}
      >
        <p>All of their sessions are revoked and every sign-in answers “user disabled”.</p>
      </ConfirmDialog>
    </section>
  )
}
