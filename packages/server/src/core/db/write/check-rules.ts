import type { ResolvedModel } from '../model-types.js'
import type { WriteContext } from './prepare-object.js'
import type { Violations } from './violations.js'

/**
 * The custom validation rules of every field of an object: a rule fails when its expression is
 * not truthy, and its message expression says why. A field's later rules are skipped after a
 * failure unless the failed rule says to continue.
 */
export function checkRules(
  model: ResolvedModel,
  view: Record<string, unknown>,
  context: WriteContext,
  path: string,
  violations: Violations,
  only?: ReadonlySet<string>,
): void {
  for (const field of model.fields.values()) {
    if (field.rules.length === 0 || (only && !only.has(field.name))) continue
    for (const rule of field.rules) {
      const passed = context.expressions.isTruthy(
        context.expressions.evaluate(rule.rule, view, context),
      )
      if (passed) continue
      const message = context.expressions.evaluate(rule.message, view, context)
      const fieldPath = path ? `${path}.${field.name}` : field.name
      violations.add(
        fieldPath,
        rule.name,
        messageText(message, rule.name),
        view[field.name] ?? null,
      )
      if (!rule.continueOnFailure) break
    }
  }
}

function messageText(message: unknown, ruleName: string): string {
  if (typeof message === 'string' && message) return message
  if (message === null || message === undefined) return `breaks the rule '${ruleName}'`
  return String(message)
}
