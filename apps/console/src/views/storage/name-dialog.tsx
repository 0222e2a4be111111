import { useState } from 'preact/hooks'
import { Button, Dialog, ErrorMessage, Field } from '../../ui/index.js'
import { NAME_CODES, fieldError, formError } from './field-error.js'
import { useAction } from './use-action.js'

/** A dialog with one name field (rename a bucket or a file); closes once `onSave` succeeds. */
export function NameDialog(props: {
  title: string
  label: string
  initial: string
  /** The API's field name, to show its validation error at the input. */
  field: string
  onSave: (name: string) => Promise<unknown>
  onClose: () => void
}) {
  const [name, setName] = useState(props.initial)
  const [empty, setEmpty] = useState(false)
  const action = useAction()
  const submit = async (event: Event) => {
    event.preventDefault()
    const trimmed = name.trim()
    setEmpty(trimmed === '')
    if (trimmed === '') return
    const done = await action.run('save', async () => {
      await props.onSave(trimmed)
      return true
    })
    if (done) props.onClose()
  }
  const error = empty ? 'Enter a name.' : fieldError(action.error, props.field, NAME_CODES)
  return (
    <Dialog title={props.title} open onClose={props.onClose}>
      <form class="storage-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label={props.label} error={error}>
          <input
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
            required
            autoFocus
          />
        </Field>
        <ErrorMessage error={formError(action.error, [props.field], NAME_CODES)} />
        <div class="storage-dialog-actions">
          <Button type="button" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={action.busy === 'save'}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
