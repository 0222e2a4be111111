import type { ResolvedModel } from '../model-types.js'

/**
 * A stored object (as JSON from the database) as expressions see it: date-times (and lists of
 * them) become Date, sub-objects likewise.
 */
export function objectView(model: ResolvedModel, doc: unknown): Record<string, unknown> {
  if (doc === null || typeof doc !== 'object') return {}
  const view: Record<string, unknown> = { ...(doc as Record<string, unknown>) }
  for (const key of ['createdAt', 'updatedAt']) view[key] = toDate(view[key])
  for (const field of model.fields.values()) {
    const value = view[field.name]
    if (value === null || value === undefined) continue
    if (field.type === 'date-time') view[field.name] = toDate(value)
    else if (field.itemType === 'date-time' && Array.isArray(value))
      view[field.name] = value.map(toDate)
    else if (field.subModel && field.type === 'object')
      view[field.name] = objectView(field.subModel, value)
    else if (field.subModel && Array.isArray(value)) {
      const sub = field.subModel
      view[field.name] = value.map((item) => objectView(sub, item))
    }
  }
  return view
}

function toDate(value: unknown): unknown {
  return typeof value === 'string' ? new Date(value) : value
}
