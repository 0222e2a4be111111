import { useRef, useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import { Button, ErrorMessage, ProgressBar } from '../../ui/index.js'
import type { StoredFile } from './storage-types.js'

interface Upload {
  id: number
  name: string
  progress: number
  status: 'uploading' | 'done' | 'failed'
  error?: unknown
}

const STATUS_TEXT = { uploading: 'Uploading', done: 'Uploaded', failed: 'Failed' } as const

/** Picks one or several files and uploads each raw, with a progress bar per file. */
export function FileUpload(props: {
  api: AdminApi
  bucketId: string
  onUploaded: (file: StoredFile) => void
}) {
  const [uploads, setUploads] = useState<Upload[]>([])
  const nextId = useRef(1)
  const update = (id: number, change: Partial<Upload>) =>
    setUploads((list) =>
      list.map((upload) => (upload.id === id ? { ...upload, ...change } : upload)),
    )

  const uploadOne = async (file: File) => {
    const id = nextId.current++
    setUploads((list) => [...list, { id, name: file.name, progress: 0, status: 'uploading' }])
    try {
      const stored = await props.api.upload<StoredFile>(
        `/buckets/${encodeURIComponent(props.bucketId)}/files`,
        file,
        { name: file.name, contentType: file.type || 'application/octet-stream' },
        (fraction) => update(id, { progress: fraction }),
      )
      update(id, { progress: 1, status: 'done' })
      props.onUploaded(stored)
    } catch (error) {
      update(id, { status: 'failed', error })
    }
  }

  const pick = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? [])
    input.value = ''
    for (const file of files) void uploadOne(file)
  }

  const finished = uploads.filter((upload) => upload.status !== 'uploading')
  return (
    <div class="storage-upload">
      <label class="storage-upload-pick">
        <span>Upload files</span>
        <input type="file" multiple onChange={(event) => pick(event.currentTarget)} />
      </label>
      {uploads.length > 0 && (
        <ul class="storage-upload-list" aria-label="Uploads">
          {uploads.map((upload) => (
            <li key={upload.id} data-testid="upload-progress" data-status={upload.status}>
              <ProgressBar value={upload.progress} label={`${upload.name}`} />
              <span class="storage-upload-status">{STATUS_TEXT[upload.status]}</span>
              {upload.status === 'failed' && <ErrorMessage error={upload.error} />}
            </li>
          ))}
        </ul>
      )}
      {finished.length > 0 && (
        <Button
          type="button"

          onClick={() =>
            setUploads((list) => list.filter((upload) => upload.status === 'uploading'))
          }
        >
          Clear finished uploads
        </Button>
      )}
    </div>
  )
}
