import { Field } from '../../ui/index.js'
import type { EntryInput } from './value-form.js'

/** The value (JSON) and TTL inputs shared by the editor and the new-key form. */
export function EntryFields(props: {
  input: EntryInput
  errors: { value?: string; ttl?: string }
  onChange: (input: EntryInput) => void
}) {
  const { input, errors, onChange } = props
  return (
    <>
      <Field label="Value (JSON)" error={errors.value}>
        <textarea
          class="cache-value"
          rows={10}
          spellcheck={false}
          value={input.value}
          onInput={(event) => onChange({ ...input, value: event.currentTarget.value })}
        />
      </Field>
      <Field label="TTL in seconds (empty: never expires)" error={errors.ttl}>
        <input
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={input.ttl}
          onInput={(event) => onChange({ ...input, ttl: event.currentTarget.value })}
        />
      </Field>
    </>
  )
}
