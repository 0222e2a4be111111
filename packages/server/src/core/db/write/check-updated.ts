import type { ResolvedField, ResolvedModel } from '../model-types.js'
import { checkRules } from './check-rules.js'
import { coerceField } from './coerce-field.js'
import { objectView } from './object-view.js'
import type { WriteContext } from './prepare-object.js'
import { Violations } from './violations.js'

/**
 * Checks objects after an update, inside its transaction: the built-in rules of the fields a
 * field update computed in SQL (range, length) and every custom rule, which may read any
 * field. Throws `validation_error` (the caller's transaction then rolls back).
 */
export function checkUpdatedObjects(
  model: ResolvedModel,
  docs: readonly unknown[],
  computed: readonly ResolvedField[],
  context: WriteContext,
): void {
  const violations = new Violations()
  for (const doc of docs) {
    const view = objectView(model, doc)
    for (const field of computed) {
      const value = view[field.name]
      if (value !== null && value !== undefined) coerceField(field, value, field.name, violations)
    }
    checkRules(model, view, context, '', violations)
  }
  violations.throwIfAny()
}

/** Whether an update must read the objects back to check them. */
export function needsCheck(model: ResolvedModel, computed: readonly ResolvedField[]): boolean {
  const hasRules = [...model.fields.values()].some((field) => field.rules.length > 0)
  const bounded = computed.some(
    (f) =>
      f.min !== undefined ||
      f.max !== undefined ||
      f.maxLength !== undefined ||
      f.minLength !== undefined,
  )
  return hasRules || bounded
}
