/** One field of a model as `GET /models` describes it. */
export interface FieldInfo {
  name: string
  type: string
  required: boolean
  readOnly: boolean
  unique: boolean
  /** For `reference`: the target model name. */
  reference?: string
  /** For `option` and `option-list`: the allowed values. */
  values?: string[]
  /** For `basic-values-list`: the element type. */
  itemType?: string
}

export interface ModelInfo {
  name: string
  fields: FieldInfo[]
}

/** An object of a model: `_id`, the fields, timestamps. */
export type DataObject = Record<string, unknown> & { _id: string }

/** Field types edited as JSON text. */
export const JSON_TYPES = new Set([
  'geo-point',
  'basic-values-list',
  'json',
  'object',
  'object-list',
])

/** Field types a list can be sorted by. */
export const SORTABLE_TYPES = new Set([
  'text',
  'email',
  'link',
  'phone',
  'option',
  'integer',
  'decimal',
  'boolean',
  'date-time',
  'object-id',
  'reference',
  'auto-increment',
])

/** The id a reference value holds (an id string, or an object looked up in its place). */
export function referenceId(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DataObject)._id === 'string'
  ) {
    return (value as DataObject)._id
  }
  return undefined
}
