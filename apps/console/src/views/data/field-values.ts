import type { FieldInfo } from './model-types.js'
import { JSON_TYPES } from './model-types.js'

/** What a form control holds: text, a checkbox, or the chosen options. */
export type FormValue = string | boolean | string[]

const pad = (n: number) => String(n).padStart(2, '0')

/** An ISO date as the local `YYYY-MM-DDTHH:mm:ss` a datetime-local input takes. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** A stored value as its form control's value. */
export function toFormValue(field: FieldInfo, value: unknown): FormValue {
  if (field.type === 'boolean') return value === true
  if (field.type === 'option-list') return Array.isArray(value) ? value.map(String) : []
  if (value === null || value === undefined) return ''
  if (field.type === 'date-time') return typeof value === 'string' ? toLocalInput(value) : ''
  if (field.type === 'geo-point' || field.type === 'basic-values-list') return JSON.stringify(value)
  if (JSON_TYPES.has(field.type)) return JSON.stringify(value, null, 2)
  if (field.type === 'reference' && typeof value === 'object') {
    return String((value as { _id?: unknown })._id ?? '')
  }
  return String(value)
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string }

/** A form control's value as the JSON value to send, or the reason it is not one. */
export function fromFormValue(field: FieldInfo, input: FormValue): Parsed {
  if (typeof input === 'boolean' || Array.isArray(input)) return { ok: true, value: input }
  const text = field.type === 'rich-text' || field.type === 'text' ? input : input.trim()
  if (text === '') return { ok: true, value: null }
  switch (field.type) {
    case 'integer':
    case 'decimal': {
      const number = Number(text)
      if (!Number.isFinite(number)) return { ok: false, error: 'Enter a number.' }
      if (field.type === 'integer' && !Number.isInteger(number)) {
        return { ok: false, error: 'Enter a whole number.' }
      }
      return { ok: true, value: number }
    }
    case 'date-time': {
      const date = new Date(text)
      if (Number.isNaN(date.getTime())) return { ok: false, error: 'Enter a date and time.' }
      return { ok: true, value: date.toISOString() }
    }
    default:
      if (!JSON_TYPES.has(field.type)) return { ok: true, value: text }
      try {
        return { ok: true, value: JSON.parse(text) }
      } catch {
        return { ok: false, error: 'Enter valid JSON (for example ["a", "b"] or {"key": 1}).' }
      }
  }
}

/** Whether two form values are the same. */
export function sameFormValue(a: FormValue, b: FormValue): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => v === b[i])
  return a === b
}
