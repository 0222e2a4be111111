import { fail } from '../../../tools/errors.js'
import { newObjectId } from '../../../tools/ids.js'
import { SYSTEM_FIELDS } from '../model-types.js'
import type { ResolvedField, ResolvedModel } from '../model-types.js'
import type { FieldCipher } from '../../../tools/field-cipher.js'
import { coerceField, INVALID } from './coerce-field.js'
import type { ExpressionRunner } from './expression-runner.js'
import { checkRules } from './check-rules.js'
import { Violations } from './violations.js'

/** One row to insert: a top-level object or a sub-object, with its own sub-objects. */
export interface PreparedRow {
  readonly model: ResolvedModel
  readonly id: string
  /** Field name → stored value (Date, number, text, list, ...), for the columns written. */
  readonly values: Map<string, unknown>
  /** Sub-objects by field: one row for an `object`, the elements of an `object-list`. */
  readonly children: Map<string, PreparedRow[]>
  /** The object as expressions see it (defaults, rules, access rules). */
  readonly view: Record<string, unknown>
}

/** What a write knows besides the values: the clock and the session, for expressions. */
export interface WriteContext {
  readonly now: Date
  readonly userId: string | null
  readonly expressions: ExpressionRunner
  readonly cipher: FieldCipher | undefined
}

const SYSTEM = new Set<string>(SYSTEM_FIELDS)

/**
 * A new object (and its sub-objects) checked and completed for insertion: values coerced to
 * their types, defaults evaluated for absent fields, required fields and custom rules checked.
 * Throws `validation_error` with every violation, or `unknown_field`.
 */
export function prepareCreate(
  model: ResolvedModel,
  input: unknown,
  context: WriteContext,
  path = '',
): PreparedRow {
  const violations = new Violations()
  const row = buildRow(model, input, context, path, violations)
  violations.throwIfAny()
  return row
}

function buildRow(
  model: ResolvedModel,
  input: unknown,
  context: WriteContext,
  path: string,
  violations: Violations,
): PreparedRow {
  const object = asObject(input, path || model.name)
  const id = newObjectId(context.now.getTime())
  const view: Record<string, unknown> = { _id: id }
  if (model.timestamps) Object.assign(view, { createdAt: context.now, updatedAt: context.now })
  const row: PreparedRow = { model, id, values: new Map(), children: new Map(), view }
  for (const [name, raw] of Object.entries(object)) {
    if (SYSTEM.has(name) || raw === undefined) continue
    const field = fieldOf(model, name)
    const fieldPath = join(path, name)
    if (field.subModel) {
      addChildren(row, field, raw, context, fieldPath, violations)
    } else {
      const value = coerceField(field, raw, fieldPath, violations)
      if (value !== INVALID) setValue(row, field, value, context)
    }
  }
  applyDefaults(row, context, path, violations)
  checkRequired(row, path, violations)
  checkRules(row.model, row.view, context, path, violations)
  return row
}

function addChildren(
  row: PreparedRow,
  field: ResolvedField,
  raw: unknown,
  context: WriteContext,
  path: string,
  violations: Violations,
): void {
  const sub = field.subModel as ResolvedModel
  if (raw === null) {
    row.view[field.name] = field.type === 'object-list' ? [] : null
    return
  }
  if (field.type === 'object') {
    const child = buildRow(sub, raw, context, path, violations)
    row.children.set(field.name, [child])
    row.view[field.name] = child.view
    return
  }
  if (!Array.isArray(raw)) {
    violations.add(path, 'type', 'expected a list of objects', raw)
    return
  }
  const children = raw.map((item, i) => buildRow(sub, item, context, `${path}.${i}`, violations))
  row.children.set(field.name, children)
  row.view[field.name] = children.map((child) => child.view)
}

function applyDefaults(
  row: PreparedRow,
  context: WriteContext,
  path: string,
  violations: Violations,
): void {
  for (const field of row.model.fields.values()) {
    if (field.defaultValue === undefined || row.view[field.name] != null || field.subModel) continue
    const fieldPath = join(path, field.name)
    const raw = context.expressions.evaluate(field.defaultValue, row.view, context)
    if (raw === null || raw === undefined) continue
    const value = coerceField(field, raw, fieldPath, violations)
    if (value !== INVALID) setValue(row, field, value, context)
  }
}

function checkRequired(row: PreparedRow, path: string, violations: Violations): void {
  for (const field of row.model.fields.values()) {
    if (!field.required) continue
    const value = row.view[field.name]
    const missing = value === null || value === undefined || value === ''
    const fieldPath = join(path, field.name)
    // A value refused by another rule is not also reported as missing.
    if (missing && !violations.has(fieldPath)) {
      violations.add(fieldPath, 'required', 'is required', value ?? null)
    }
  }
}

function setValue(
  row: PreparedRow,
  field: ResolvedField,
  value: unknown,
  context: WriteContext,
): void {
  row.values.set(field.name, storedValue(field, value, context))
  row.view[field.name] = value
}

/** A value as it is stored: encrypted-text fields encrypted, the rest as they are. */
export function storedValue(field: ResolvedField, value: unknown, context: WriteContext): unknown {
  if (field.type !== 'encrypted-text' || typeof value !== 'string') return value
  if (!context.cipher) throw new Error('encrypted-text field written without an encryption key')
  return context.cipher.encrypt(value)
}

/** The declared field of this name, or `unknown_field`. */
export function fieldOf(model: ResolvedModel, name: string): ResolvedField {
  const field = model.fields.get(name)
  if (field) return field
  throw fail('unknown_field', `model '${model.name}' has no field '${name}'`, {
    model: model.name,
    field: name,
  })
}

/** The input as an object, or `validation_error`. */
export function asObject(input: unknown, path: string): Record<string, unknown> {
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    return input as Record<string, unknown>
  }
  throw fail('validation_error', `${path}: expected an object`, {
    fields: [{ field: path, rule: 'type', message: 'expected an object', value: input }],
  })
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name
}
