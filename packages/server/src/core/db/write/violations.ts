import { fail } from '../../../tools/errors.js'
import type { BasaltError } from '../../../tools/errors.js'

/** One broken rule of one field: what `validation_error` lists in `details.fields`. */
export interface Violation {
  /** The field's dot path from the written object (`title`, `comments.0.text`). */
  readonly field: string
  /** `required`, `type`, `min`, `maxLength`, `pattern`, `values`, a custom rule's name, ... */
  readonly rule: string
  readonly message: string
  readonly value: unknown
}

/** Collects the violations of one write; `throwIfAny` turns them into one error. */
export class Violations {
  readonly list: Violation[] = []

  add(field: string, rule: string, message: string, value: unknown): void {
    this.list.push({ field, rule, message, value: shorten(value) })
  }

  /** Whether a field already has a violation. */
  has(field: string): boolean {
    return this.list.some((violation) => violation.field === field)
  }

  /** Throws `validation_error` naming every violation, if there is one. */
  throwIfAny(): void {
    if (this.list.length > 0) throw violationError(this.list)
  }
}

/** A `validation_error` for these violations; the message names the first ones. */
export function violationError(list: readonly Violation[]): BasaltError {
  const shown = list.slice(0, 3).map((v) => `${v.field}: ${v.message}`)
  const more = list.length > 3 ? ` (and ${list.length - 3} more)` : ''
  return fail('validation_error', `${shown.join('; ')}${more}`, { fields: list })
}

/** Long texts and big lists are cut in error details: the client sent them, it has them. */
function shorten(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 200) return `${value.slice(0, 200)}…`
  if (Array.isArray(value) && value.length > 20) return [...value.slice(0, 20), '…']
  return value
}
