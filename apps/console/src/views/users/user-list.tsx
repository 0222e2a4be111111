import { useState } from 'preact/hooks'
import type { AdminApi, Page } from '../../api.js'
import { href } from '../../router.js'
import {
  DataTable,
  ErrorMessage,
  formatDate,
  Loading,
  Pager,
  useDebounced,
  usePaged,
} from '../../ui/index.js'
import type { AdminUser } from './user-types.js'

const PAGE_SIZE = 25

/** The app's users, searched by email, phone, name or id as one types. */
export function UserList(props: { api: AdminApi }) {
  const [search, setSearch] = useState('')
  const query = useDebounced(search.trim(), 300)
  const paged = usePaged(
    (page) => props.api.get<Page<AdminUser>>('/users', { search: query, page, size: PAGE_SIZE }),
    [query],
  )
  return (
    <section>
      <h1>Users</h1>
      <div class="row" role="search">
        <label class="grow row">
          <span class="field-label">Search</span>
          <input
            class="search"
            type="search"
            data-testid="filter"
            placeholder="Email, phone, name or id"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </label>
        {paged.loading && paged.data && <span class="spinner" aria-label="Searching" />}
      </div>
      <ErrorMessage error={paged.error} />
      {paged.loading && !paged.data && <Loading />}
      {paged.data && (
        <>
          <DataTable
            label="Users"
            columns={[
              {
                key: 'email',
                label: 'Email',
                render: (user: AdminUser) => (
                  <a href={href('users', user._id)}>{user.email ?? user.phone ?? user._id}</a>
                ),
              },
              { key: 'name', label: 'Name' },
              { key: 'phone', label: 'Phone' },
              { key: 'provider', label: 'Provider' },
              {
                key: 'status',
                label: 'Status',
                render: (user: AdminUser) => <UserStatus user={user} />,
              },
              {
                key: 'signUpAt',
                label: 'Signed up',
                render: (user: AdminUser) => formatDate(user.signUpAt),
              },
              {
                key: 'lastLoginAt',
                label: 'Last sign-in',
                render: (user: AdminUser) => formatDate(user.lastLoginAt),
              },
            ]}
            rows={paged.data.items}
            busy={paged.loading}
            rowKey={(user) => user._id}
            empty={query ? 'No user matches the search.' : 'No users yet.'}
            onRowClick={(user) => (location.hash = href('users', user._id))}
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

/** Disabled / verified badges of a user. */
export function UserStatus(props: { user: AdminUser }) {
  const { user } = props
  if (user.disabled) return <span class="badge badge-danger">disabled</span>
  const verified = user.emailVerified || user.phoneVerified
  return verified ? (
    <span class="badge badge-ok">verified</span>
  ) : (
    <span class="badge">not verified</span>
  )
}
