import { useState } from 'preact/hooks'
import type { AdminApi, Page } from '../../api.js'
import {
  Button,
  ConfirmDialog,
  CopyButton,
  DataTable,
  Dialog,
  ErrorMessage,
  Pager,
  formatBytes,
  formatDate,
  usePaged,
} from '../../ui/index.js'
import { AccessBadge } from './access-badge.js'
import { FilePreview, isImage } from './file-preview.js'
import { FileUpload } from './file-upload.js'
import { NameDialog } from './name-dialog.js'
import { STORAGE_PAGE_SIZE, type StoredFile } from './storage-types.js'
import { useAction } from './use-action.js'
import { useBucket } from './use-bucket.js'
import { useDebounced } from '../../ui/use-debounced.js'

/** One bucket's files: search, paging, upload, preview, rename, public/private, delete. */
export function BucketFiles(props: { api: AdminApi; bucketId: string }) {
  const { api, bucketId } = props
  const [search, setSearch] = useState('')
  const query = useDebounced(search.trim())
  const list = usePaged(
    (page) =>
      api.get<Page<StoredFile>>(`/buckets/${encodeURIComponent(bucketId)}/files`, {
        search: query || undefined,
        page,
        size: STORAGE_PAGE_SIZE,
      }),
    [api, bucketId, query],
  )
  const [version, setVersion] = useState(0)
  const { bucket, error: bucketError } = useBucket(api, bucketId, version)
  const [previewing, setPreviewing] = useState<StoredFile | null>(null)
  const [renaming, setRenaming] = useState<StoredFile | null>(null)
  const [deleting, setDeleting] = useState<StoredFile | null>(null)
  const action = useAction()

  const changed = () => {
    list.reload()
    setVersion((n) => n + 1)
  }
  const togglePublic = async (file: StoredFile) => {
    const done = await action.run(`public:${file._id}`, () =>
      api.patch<StoredFile>(`/files/${file._id}`, { isPublic: !file.isPublic }),
    )
    if (done) list.reload()
  }

  const columns = [
    { key: 'name', label: 'Name', render: (file: StoredFile) => <FileName file={file} /> },
    { key: 'size', label: 'Size', render: (file: StoredFile) => formatBytes(file.size) },
    { key: 'type', label: 'Type', render: (file: StoredFile) => file.mimeType },
    {
      key: 'access',
      label: 'Access',
      render: (file: StoredFile) => <AccessBadge isPublic={file.isPublic} />,
    },
    {
      key: 'updated',
      label: 'Updated',
      render: (file: StoredFile) => formatDate(file.updatedAt ?? file.uploadedAt),
    },
    {
      key: 'actions',
      label: 'Actions',
      render: (file: StoredFile) => (
        <span class="storage-actions">
          {isImage(file) && (
            <Button type="button" onClick={() => setPreviewing(file)}>
              Preview
            </Button>
          )}
          <Button type="button" onClick={() => setRenaming(file)}>
            Rename
          </Button>
          <Button
            type="button"

            busy={action.busy === `public:${file._id}`}
            onClick={() => void togglePublic(file)}
          >
            {file.isPublic ? 'Make private' : 'Make public'}
          </Button>
          {file.isPublic && file.publicPath && (
            <CopyButton text={file.publicPath} label="Copy URL" />
          )}
          <Button type="button" variant="danger" onClick={() => setDeleting(file)}>
            Delete
          </Button>
        </span>
      ),
    },
  ]

  return (
    <section class="storage-view">
      <p class="storage-crumbs">
        <a href="#/storage">Storage</a> / {bucket?.name ?? bucketId}
      </p>
      <div class="storage-head">
        <h1>Storage: {bucket?.name ?? 'bucket'}</h1>
        {bucket && <AccessBadge isPublic={bucket.isPublic} />}
        {bucket && (
          <span class="storage-muted">
            {bucket.fileCount} file(s), {formatBytes(bucket.totalSize)}
          </span>
        )}
      </div>
      <ErrorMessage error={bucketError} />
      <FileUpload api={api} bucketId={bucketId} onUploaded={changed} />
      <div class="storage-toolbar">
        <label class="storage-search">
          <span>Search files</span>
          <input
            type="search"
            data-testid="filter"
            placeholder="Part of the name"
            value={search}
            onInput={(event) => setSearch(event.currentTarget.value)}
          />
        </label>
      </div>
      <ErrorMessage error={list.error ?? action.error} />
      <div class="storage-table">
        <DataTable
          columns={columns}
          rows={list.data?.items ?? []}
          rowKey={(file) => file._id}
          empty={list.loading ? 'Loading…' : query ? 'No file matches.' : 'No files yet.'}
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
      {previewing && (
        <Dialog title={previewing.fileName} open onClose={() => setPreviewing(null)}>
          <FilePreview api={api} file={previewing} />
          <p class="storage-muted storage-preview-caption">
            {previewing.mimeType} · {formatBytes(previewing.size)} · updated{' '}
            {formatDate(previewing.updatedAt ?? previewing.uploadedAt)}
          </p>
        </Dialog>
      )}
      {renaming && (
        <NameDialog
          title={`Rename ${renaming.fileName}`}
          label="File name"
          field="fileName"
          initial={renaming.fileName}
          onSave={async (fileName) => {
            await api.patch(`/files/${renaming._id}`, { fileName })
            list.reload()
          }}
          onClose={() => setRenaming(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          open
          title="Delete file"
          confirmLabel="Delete file"
          onConfirm={async () => {
            await api.delete(`/files/${deleting._id}`)
            changed()
          }}
          onClose={() => setDeleting(null)}
        >
          <p>
            Delete <strong>{deleting.fileName}</strong>? This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}

/** The file name, with its public address as a link for public files. */
function FileName(props: { file: StoredFile }) {
  const { file } = props
  if (file.isPublic && file.publicPath) {
    return (
      <a href={file.publicPath} target="_blank" rel="noreferrer">
        {file.fileName}
      </a>
    )
  }
  return <span>{file.fileName}</span>
}
