import { useState } from 'preact/hooks'
import type { AdminApi } from '../../api.js'
import { Button, Dialog, ErrorMessage, Field } from '../../ui/index.js'
import { NAME_CODES, fieldError, formError } from './field-error.js'
import type { Bucket } from './storage-types.js'
import { useAction } from './use-action.js'

/** The "New bucket" form: a name and whether its files are public. */
export function CreateBucketDialog(props: {
  api: AdminApi
  onCreated: (bucket: Bucket) => void
  onClose: () => void
}) {
  const [name, setName] = useState('')
  const [isPublic, setIsPublic] = useState(false)
  const [empty, setEmpty] = useState(false)
  const action = useAction()
  const submit = async (event: Event) => {
    event.preventDefault()
    const trimmed = name.trim()
    setEmpty(trimmed === '')
    if (trimmed === '') return
    const bucket = await action.run('create', () =>
      props.api.post<Bucket>('/buckets', { name: trimmed, isPublic }),
    )
    if (bucket) props.onCreated(bucket)
  }
  const nameError = empty ? 'Enter a name.' : fieldError(action.error, 'name', NAME_CODES)
  return (
    <Dialog title="New bucket" open onClose={props.onClose}>
      <form class="storage-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label="Name" error={nameError}>
          <input
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
            required
            autoFocus
          />
        </Field>
        <label class="storage-check">
          <input
            type="checkbox"
            checked={isPublic}
            onChange={(event) => setIsPublic(event.currentTarget.checked)}
          />
          Public (its files can be read without a session)
        </label>
        <ErrorMessage error={formError(action.error, ['name'], NAME_CODES)} />
        <div class="storage-dialog-actions">
          <Button type="button" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={action.busy === 'create'}>
            Create bucket
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
