import type { ComponentChildren, VNode } from 'preact'
import { cloneElement, isValidElement } from 'preact'
import { useId } from 'preact/hooks'

/**
 * A label wrapping its control, with the field's error below it. A single element child gets
 * `aria-invalid` and `aria-describedby` pointing at the error.
 */
export function Field(props: {
  label: string
  error?: string
  /** A short note after the label (a type, a format). */
  hint?: string
  children: ComponentChildren
}) {
  const errorId = useId()
  const invalid = Boolean(props.error)
  const child = props.children
  const control = isValidElement(child)
    ? cloneElement(child as VNode<Record<string, unknown>>, {
        'aria-invalid': invalid ? 'true' : undefined,
        'aria-describedby': invalid ? errorId : undefined,
      })
    : child
  return (
    <div class={invalid ? 'field field-invalid' : 'field'}>
      <label>
        <span class="field-label">
          {props.label}
          {props.hint && <span class="field-hint"> · {props.hint}</span>}
        </span>
        {control}
      </label>
      {invalid && (
        <span class="field-error" id={errorId}>
          {props.error}
        </span>
      )}
    </div>
  )
}
