import { useState } from 'preact/hooks'
import { ApiError } from '../../api.js'
import { Button, ErrorMessage } from '../../ui/index.js'
import { FieldInput } from './field-input.js'
import { fromFormValue, sameFormValue, toFormValue } from './field-values.js'
import type { FormValue } from './field-values.js'
import type { DataObject, FieldInfo, ModelInfo } from './model-types.js'

interface ObjectFormProps {
  model: ModelInfo
  /** The object being edited; undefined to create one. */
  object: DataObject | undefined
  /** Top-level model names, to link references. */
  modelNames: Set<string>
  submitLabel: string
  /** Sends the fields (all given ones to create, the changed ones to edit). */
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>
  onCancel?: () => void
}

/** Fields a form can write: auto-increment never, read-only ones only on create. */
const editable = (field: FieldInfo, creating: boolean) =>
  field.type !== 'auto-increment' && (creating || !field.readOnly)

const initialValues = (fields: FieldInfo[], object: DataObject | undefined) =>
  Object.fromEntries(fields.map((field) => [field.name, toFormValue(field, object?.[field.name])]))

/** The create/edit form generated from a model's fields; errors are shown at their field. */
export function ObjectForm(props: ObjectFormProps) {
  const creating = props.object === undefined
  const fields = props.model.fields.filter((field) => field.type !== 'auto-increment' || !creating)
  const [initial] = useState(() => initialValues(fields, props.object))
  const [values, setValues] = useState<Record<string, FormValue>>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<unknown>(undefined)
  const [busy, setBusy] = useState(false)

  const collect = () => {
    const body: Record<string, unknown> = {}
    const found: Record<string, string> = {}
    for (const field of fields) {
      if (!editable(field, creating)) continue
      const value = values[field.name]!
      if (sameFormValue(value, initial[field.name]!)) continue
      const parsed = fromFormValue(field, value)
      if (!parsed.ok) found[field.name] = parsed.error
      else if (!(creating && parsed.value === null)) body[field.name] = parsed.value
    }
    return { body, found }
  }

  const submit = async (event: Event) => {
    event.preventDefault()
    const { body, found } = collect()
    setErrors(found)
    setFailure(undefined)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      await props.onSubmit(body)
    } catch (error) {
      const field = fieldOf(error, fields)
      if (field) setErrors({ [field]: (error as Error).message })
      else setFailure(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <div class="form-grid">
        {fields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            value={values[field.name]!}
            error={errors[field.name]}
            disabled={busy || !editable(field, creating)}
            linkable={props.modelNames.has(field.reference ?? '')}
            onChange={(value) => setValues((old) => ({ ...old, [field.name]: value }))}
          />
        ))}
      </div>
      {Object.keys(errors).length > 0 && (
        <p class="field-error" role="alert">
          Check the fields marked above.
        </p>
      )}
      <ErrorMessage error={failure} />
      <div class="actions">
        {props.onCancel && (
          <Button onClick={props.onCancel} disabled={busy}>
            Cancel
          </Button>
        )}
        <Button type="submit" variant="primary" busy={busy}>
          {props.submitLabel}
        </Button>
      </div>
    </form>
  )
}

/** The form field a validation error names in `details.field` (a dot path's first part). */
function fieldOf(error: unknown, fields: FieldInfo[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  const named = error.details?.field
  if (typeof named !== 'string') return undefined
  const top = named.split('.')[0]
  return fields.some((field) => field.name === top) ? top : undefined
}
