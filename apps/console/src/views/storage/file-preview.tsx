import { useEffect, useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import { ErrorMessage } from '../../ui/index.js'
import type { StoredFile } from './storage-types.js'

/** Width asked of the server's image transform for previews. */
const PREVIEW_WIDTH = 480

/** Whether the console can show `file` as an image preview. */
export function isImage(file: StoredFile): boolean {
  return file.mimeType?.startsWith('image/') ?? false
}

/** An image file's picture, fetched with the admin token into an object URL (revoked after). */
export function FilePreview(props: { api: AdminApi; file: StoredFile }) {
  const { api, file } = props
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let live = true
    let objectUrl: string | null = null
    api.blob(`/files/${file._id}/content`, { width: PREVIEW_WIDTH }).then(
      (blob) => {
        if (!live) return
        objectUrl = URL.createObjectURL(blob)
        setUrl(objectUrl)
      },
      (failure: unknown) => live && setError(failure),
    )
    return () => {
      live = false
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
  }, [api, file._id, file.updatedAt])
  if (error) return <ErrorMessage error={error} />
  if (!url) return <p class="storage-muted">Loading preview…</p>
  return <img class="storage-preview" data-testid="preview" src={url} alt={file.fileName} />
}
