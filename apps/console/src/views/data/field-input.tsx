import type { InputHTMLAttributes } from 'preact'
import { href } from '../../router.js'
import { Field } from '../../ui/index.js'
import type { FormValue } from './field-values.js'
import type { FieldInfo } from './model-types.js'
import { JSON_TYPES } from './model-types.js'

const INPUT_TYPES: Record<string, string> = {
  email: 'email',
  link: 'url',
  phone: 'tel',
  integer: 'number',
  decimal: 'number',
  'date-time': 'datetime-local',
}

interface FieldInputProps {
  field: FieldInfo
  value: FormValue
  error: string | undefined
  disabled: boolean
  /** Whether the target model of a reference can be opened (top-level models only). */
  linkable: boolean
  onChange: (value: FormValue) => void
}

/** A field's label, hint and control, chosen by its type; its error shown below it. */
export function FieldInput(props: FieldInputProps) {
  const { field } = props
  const label = `${field.name}${field.required ? ' *' : ''}`
  if (field.type === 'option-list') return <OptionList {...props} />
  if (field.type === 'boolean') {
    return (
      <Field label={label} error={props.error}>
        <input
          type="checkbox"
          checked={props.value === true}
          disabled={props.disabled}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
      </Field>
    )
  }
  const wide = JSON_TYPES.has(field.type) || field.type === 'rich-text'
  return (
    <div class={wide ? 'wide' : undefined}>
      <Field label={label} hint={describe(field)} error={props.error}>
        {control(props)}
      </Field>
      {field.type === 'reference' &&
        props.linkable &&
        typeof props.value === 'string' &&
        props.value && (
          <a href={href('data', field.reference ?? '', props.value)}>
            Open the {field.reference} object
          </a>
        )}
    </div>
  )
}

/** The type shown next to a field's name. */
function describe(field: FieldInfo): string {
  if (field.type === 'reference') return `reference to ${field.reference}`
  if (field.type === 'basic-values-list') return `list of ${field.itemType ?? 'values'} (JSON)`
  if (field.type === 'geo-point') return 'geo-point, JSON [longitude, latitude]'
  if (field.type === 'json') return 'JSON'
  if (JSON_TYPES.has(field.type)) return `${field.type} (JSON)`
  return field.type
}

function control(props: FieldInputProps) {
  const { field, disabled } = props
  const text = typeof props.value === 'string' ? props.value : ''
  const onInput = (e: { currentTarget: { value: string } }) => props.onChange(e.currentTarget.value)
  if (field.type === 'option') {
    return (
      <select value={text} disabled={disabled} onChange={onInput}>
        <option value="">—</option>
        {(field.values ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    )
  }
  if (JSON_TYPES.has(field.type) || field.type === 'rich-text') {
    const rows = field.type === 'rich-text' || field.type === 'geo-point' ? 3 : 5
    return (
      <textarea
        rows={rows}
        value={text}
        disabled={disabled}
        spellcheck={false}
        class={field.type === 'rich-text' ? undefined : 'mono'}
        onInput={onInput}
      />
    )
  }
  // Preact 11 types `type` as a union per input kind; one variable type covers them all.
  const attributes = {
    type: INPUT_TYPES[field.type] ?? 'text',
    step: field.type === 'decimal' ? 'any' : field.type === 'date-time' ? 1 : undefined,
  } as InputHTMLAttributes<HTMLInputElement>
  return (
    <input
      {...attributes}
      value={text}
      disabled={disabled}
      class={field.type === 'object-id' || field.type === 'reference' ? 'mono' : undefined}
      onInput={onInput}
    />
  )
}

function OptionList(props: FieldInputProps) {
  const chosen = Array.isArray(props.value) ? props.value : []
  const toggle = (option: string, on: boolean) =>
    props.onChange(on ? [...chosen, option] : chosen.filter((value) => value !== option))
  return (
    <div class="field">
      <fieldset aria-invalid={props.error ? 'true' : undefined}>
        <legend>
          {props.field.name}
          {props.field.required ? ' *' : ''}
        </legend>
        <div class="row">
          {(props.field.values ?? []).map((option) => (
            <label key={option} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(option)}
                disabled={props.disabled}
                onChange={(e) => toggle(option, e.currentTarget.checked)}
              />
              {option}
            </label>
          ))}
        </div>
      </fieldset>
      {props.error && <span class="field-error">{props.error}</span>}
    </div>
  )
}
