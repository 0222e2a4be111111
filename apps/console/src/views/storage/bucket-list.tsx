import { useState } from 'preact/hooks'
import type { AdminApi, Page } from '../../api.js'
import {
  Button,
  ConfirmDialog,
  DataTable,
  ErrorMessage,
  Pager,
  formatBytes,
  usePaged,
} from '../../ui/index.js'
import { AccessBadge } from './access-badge.js'
import { CreateBucketDialog } from './create-bucket-dialog.js'
import { NameDialog } from './name-dialog.js'
import { STORAGE_PAGE_SIZE, type Bucket } from './storage-types.js'
import { useAction } from './use-action.js'

/** The buckets, paged, with create, rename, public/private and delete. */
export function BucketList(props: { api: AdminApi }) {
  const { api } = props
  const list = usePaged(
    (page) => api.get<Page<Bucket>>('/buckets', { page, size: STORAGE_PAGE_SIZE }),
    [api],
  )
  const [creating, setCreating] = useState(false)
  const [renaming, setRenaming] = useState<Bucket | null>(null)
  const [deleting, setDeleting] = useState<Bucket | null>(null)
  const action = useAction()

  const togglePublic = async (bucket: Bucket) => {
    const done = await action.run(`public:${bucket._id}`, () =>
      api.patch<Bucket>(`/buckets/${bucket._id}`, { isPublic: !bucket.isPublic }),
    )
    if (done) list.reload()
  }

  const columns = [
    {
      key: 'name',
      label: 'Name',
      render: (bucket: Bucket) => <a href={`#/storage/${bucket._id}`}>{bucket.name}</a>,
    },
    {
      key: 'access',
      label: 'Access',
      render: (bucket: Bucket) => <AccessBadge isPublic={bucket.isPublic} />,
    },
    { key: 'files', label: 'Files', render: (bucket: Bucket) => String(bucket.fileCount ?? 0) },
    {
      key: 'size',
      label: 'Total size',
      render: (bucket: Bucket) => formatBytes(bucket.totalSize ?? 0),
    },
    {
      key: 'actions',
      label: 'Actions',
      render: (bucket: Bucket) => (
        <span class="storage-actions">
          <Button type="button" onClick={() => setRenaming(bucket)}>
            Rename
          </Button>
          <Button
            type="button"

            busy={action.busy === `public:${bucket._id}`}
            onClick={() => void togglePublic(bucket)}
          >
            {bucket.isPublic ? 'Make private' : 'Make public'}
          </Button>
          <Button type="button" variant="danger" onClick={() => setDeleting(bucket)}>
            Delete
          </Button>
        </span>
      ),
    },
  ]

  return (
    <section class="storage-view">
      <div class="storage-head">
        <h1>Storage</h1>
        <Button type="button" variant="primary" onClick={() => setCreating(true)}>
          New bucket
        </Button>
      </div>
      <ErrorMessage error={list.error ?? action.error} />
      <div class="storage-table">
        <DataTable
          columns={columns}
          rows={list.data?.items ?? []}
          rowKey={(bucket) => bucket._id}
          empty={list.loading ? 'Loading…' : 'No buckets yet.'}
        />
      </div>
      {list.data && (
        <Pager
          page={list.page}
          size={list.data.size}
          total={list.data.total}
          onPage={list.setPage}
        />
      )}
      {creating && (
        <CreateBucketDialog
          api={api}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false)
            list.reload()
          }}
        />
      )}
      {renaming && (
        <NameDialog
          title={`Rename bucket ${renaming.name}`}
          label="Name"
          field="name"
          initial={renaming.name}
          onSave={async (name) => {
            await api.patch(`/buckets/${renaming._id}`, { name })
            list.reload()
          }}
          onClose={() => setRenaming(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          open
          title="Delete bucket"
          confirmLabel="Delete bucket"
          onConfirm={async () => {
            await api.delete(`/buckets/${deleting._id}`)
            list.reload()
          }}
          onClose={() => setDeleting(null)}
        >
          <p>
            Delete the bucket <strong>{deleting.name}</strong> and its {deleting.fileCount ?? 0}{' '}
            file(s)? This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}
