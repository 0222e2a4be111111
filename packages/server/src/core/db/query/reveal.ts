import type { FieldCipher } from '../../../tools/field-cipher.js'
import type { QueryLookup } from '../expressions/sql/sql-types.js'
import type { ResolvedModel } from '../model-types.js'

/**
 * Objects as the database answered them, with encrypted-text values decrypted, in place
 * (also inside sub-objects and looked-up objects). A model without such fields costs nothing.
 */
export function revealObjects(
  model: ResolvedModel,
  docs: unknown[],
  cipher: FieldCipher | undefined,
  lookups?: ReadonlyMap<string, QueryLookup>,
): unknown[] {
  // Without a key no model has encrypted fields (the server requires one when any does).
  if (!cipher) return docs
  const plan = revealPlan(model, lookups)
  if (plan === undefined) return docs
  for (const doc of docs) reveal(doc, plan, cipher)
  return docs
}

/** Where the encrypted fields are: a field name → true (decrypt) or the plan of a nested object. */
type Plan = Map<string, true | Plan>

function revealPlan(
  model: ResolvedModel,
  lookups?: ReadonlyMap<string, QueryLookup>,
): Plan | undefined {
  const plan: Plan = new Map()
  for (const field of model.fields.values()) {
    if (field.type === 'encrypted-text') plan.set(field.name, true)
    const sub = field.subModel && revealPlan(field.subModel)
    if (sub) plan.set(field.name, sub)
  }
  for (const lookup of lookups?.values() ?? []) {
    const target = revealPlan(lookup.target)
    if (target) plan.set(lookup.name, target)
  }
  return plan.size > 0 ? plan : undefined
}

function reveal(doc: unknown, plan: Plan, cipher: FieldCipher): void {
  if (Array.isArray(doc)) {
    for (const item of doc) reveal(item, plan, cipher)
    return
  }
  if (doc === null || typeof doc !== 'object') return
  const object = doc as Record<string, unknown>
  for (const [name, inner] of plan) {
    const value = object[name]
    if (inner === true) {
      if (typeof value === 'string') object[name] = cipher.decrypt(value)
    } else {
      reveal(value, inner, cipher)
    }
  }
}
