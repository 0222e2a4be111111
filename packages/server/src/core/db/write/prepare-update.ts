import { SYSTEM_FIELDS } from '../model-types.js'
import type { ResolvedField, ResolvedModel } from '../model-types.js'
import { coerceField, INVALID } from './coerce-field.js'
import { asObject, fieldOf, prepareCreate, storedValue } from './prepare-object.js'
import type { PreparedRow, WriteContext } from './prepare-object.js'
import { Violations } from './violations.js'

/** The changes of an `update`: column values (as stored), and sub-models replaced whole. */
export interface PreparedUpdate {
  readonly values: Map<ResolvedField, unknown>
  /** Sub-model fields given: their new content, made afresh for each updated object. */
  readonly children: Map<ResolvedField, (context: WriteContext) => PreparedRow[]>
}

const SYSTEM = new Set<string>(SYSTEM_FIELDS)

/**
 * The values of an update checked against the model: known fields, types and built-in rules,
 * not read-only, required fields not cleared. Custom rules need the whole object and are
 * checked after the change (see checkUpdatedObjects).
 */
export function prepareUpdate(
  model: ResolvedModel,
  input: unknown,
  context: WriteContext,
): PreparedUpdate {
  const object = asObject(input, 'values')
  const violations = new Violations()
  const update: PreparedUpdate = { values: new Map(), children: new Map() }
  for (const [name, raw] of Object.entries(object)) {
    if (SYSTEM.has(name) || raw === undefined) continue
    const field = fieldOf(model, name)
    if (field.readOnly) {
      violations.add(name, 'readOnly', 'is read-only after create', raw)
      continue
    }
    if (raw === null && field.required) {
      violations.add(name, 'required', 'is required', raw)
      continue
    }
    if (field.subModel) {
      const sub = field.subModel
      // Checked now (with a throwaway id) so that a bad sub-object fails before any write.
      const make = (write: WriteContext) => childRows(sub, field, raw, write)
      make(context)
      update.children.set(field, make)
      continue
    }
    const value = coerceField(field, raw, name, violations)
    if (value !== INVALID) update.values.set(field, storedValue(field, value, context))
  }
  violations.throwIfAny()
  return update
}

function childRows(
  sub: ResolvedModel,
  field: ResolvedField,
  raw: unknown,
  write: WriteContext,
): PreparedRow[] {
  if (raw === null) return []
  if (field.type === 'object') return [prepareCreate(sub, raw, write, field.name)]
  if (!Array.isArray(raw)) {
    const violations = new Violations()
    violations.add(field.name, 'type', 'expected a list of objects', raw)
    violations.throwIfAny()
    return []
  }
  return raw.map((item, i) => prepareCreate(sub, item, write, `${field.name}.${i}`))
}
