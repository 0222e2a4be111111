import { useEffect, useRef, useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import { ApiError } from '../../api.js'
import { Button, ConfirmDialog, ErrorMessage, Loading } from '../../ui/index.js'
import { useAction } from '../storage/use-action.js'
import { formatTtl, keyPath, type CacheEntry, type CacheKey } from './cache-types.js'
import { EntryFields } from './entry-fields.js'
import { parseEntry, type EntryInput } from './value-form.js'

/** One key: its value as indented JSON and its TTL, editable; delete after a confirmation. */
export function KeyEditor(props: {
  api: AdminApi
  cacheKey: string
  onSaved: (entry: CacheKey) => void
  onDeleted: (key: string) => void
  onClose: () => void
}) {
  const { api, cacheKey } = props
  const [entry, setEntry] = useState<CacheEntry | null>(null)
  const [input, setInput] = useState<EntryInput>({ value: '', ttl: '' })
  const [errors, setErrors] = useState<{ value?: string; ttl?: string }>({})
  const [loadError, setLoadError] = useState<unknown>(undefined)
  const [deleting, setDeleting] = useState(false)
  const [saved, setSaved] = useState('')
  const action = useAction()
  const section = useRef<HTMLElement>(null)

  // On a phone the editor sits below the list: bring it into view (and focus) when opened.
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest' })
    section.current?.focus({ preventScroll: true })
  }, [])

  const show = (answer: CacheEntry) => {
    setEntry(answer)
    setInput({
      value: JSON.stringify(answer.value, null, 2),
      ttl: answer.ttlSeconds === null ? '' : String(answer.ttlSeconds),
    })
  }
  useEffect(() => {
    let live = true
    api.get<CacheEntry>(keyPath(cacheKey)).then(
      (answer) => live && show(answer),
      (failure: unknown) => live && setLoadError(failure),
    )
    return () => {
      live = false
    }
  }, [api, cacheKey])

  const save = async (event: Event) => {
    event.preventDefault()
    setSaved('')
    const parsed = parseEntry(input)
    setErrors(parsed.errors ?? {})
    if (parsed.errors) return
    const answer = await action.run('save', () =>
      api.put<CacheEntry>(keyPath(cacheKey), parsed.body),
    )
    if (!answer) return
    show(answer)
    setSaved('Saved.')
    props.onSaved({ key: answer.key, ttlSeconds: answer.ttlSeconds })
  }

  const gone = loadError instanceof ApiError && loadError.status === 404
  return (
    <section class="cache-editor" aria-label={`Key ${cacheKey}`} ref={section} tabIndex={-1}>
      <div class="cache-editor-head">
        <h2>
          <code>{cacheKey}</code>
        </h2>
        <Button onClick={props.onClose}>Close</Button>
      </div>
      {gone ? (
        <p role="alert">This key no longer exists (it may have expired).</p>
      ) : (
        <ErrorMessage error={loadError} />
      )}
      {!entry && !loadError && <Loading />}
      {entry && (
        <form class="cache-form" onSubmit={(event) => void save(event)} noValidate>
          <p class="cache-muted">TTL when loaded: {formatTtl(entry.ttlSeconds)}</p>
          <EntryFields input={input} errors={errors} onChange={setInput} />
          <ErrorMessage error={action.error} />
          <p class="cache-notice" role="status">
            {saved}
          </p>
          <div class="cache-actions">
            <Button type="submit" variant="primary" busy={action.busy === 'save'}>
              Save
            </Button>
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </div>
        </form>
      )}
      <ConfirmDialog
        title="Delete key"
        confirmLabel="Delete key"
        open={deleting}
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api.delete(keyPath(cacheKey))
          props.onDeleted(cacheKey)
        }}
      >
        <p>
          Delete the key <code>{cacheKey}</code>? This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  )
}
