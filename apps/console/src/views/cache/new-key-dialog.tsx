import { useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import { Button, Dialog, ErrorMessage, Field } from '../../ui/index.js'
import { fieldError, formError } from '../storage/field-error.js'
import { useAction } from '../storage/use-action.js'
import { keyPath, type CacheEntry } from './cache-types.js'
import { EntryFields } from './entry-fields.js'
import { parseEntry, type EntryInput } from './value-form.js'

/** "Set a key": a key, a JSON value and an optional TTL. */
export function NewKeyDialog(props: {
  api: AdminApi
  onSaved: (entry: CacheEntry) => void
  onClose: () => void
}) {
  const [key, setKey] = useState('')
  const [input, setInput] = useState<EntryInput>({ value: '', ttl: '' })
  const [errors, setErrors] = useState<{ key?: string; value?: string; ttl?: string }>({})
  const action = useAction()

  const submit = async (event: Event) => {
    event.preventDefault()
    const parsed = parseEntry(input)
    const keyError = key === '' ? 'Enter a key.' : undefined
    setErrors({ ...parsed.errors, key: keyError })
    if (parsed.errors || keyError) return
    const answer = await action.run('save', () =>
      props.api.put<CacheEntry>(keyPath(key), parsed.body),
    )
    if (answer) props.onSaved(answer)
  }

  const shown = {
    value: errors.value ?? fieldError(action.error, 'value'),
    ttl: errors.ttl ?? fieldError(action.error, 'ttlSeconds'),
  }
  return (
    <Dialog title="Set a key" open onClose={props.onClose}>
      <form class="cache-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label="Key" error={errors.key ?? fieldError(action.error, 'key')}>
          <input value={key} onInput={(event) => setKey(event.currentTarget.value)} autoFocus />
        </Field>
        <EntryFields input={input} errors={shown} onChange={setInput} />
        <ErrorMessage error={formError(action.error, ['key', 'value', 'ttlSeconds'])} />
        <div class="cache-actions">
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={action.busy === 'save'}>
            Set key
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
