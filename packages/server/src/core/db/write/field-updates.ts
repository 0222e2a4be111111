import { fail } from '../../../tools/errors.js'
import type { SqlParams } from '../expressions/sql/sql-types.js'
import { SYSTEM_FIELDS } from '../model-types.js'
import type { ResolvedField, ResolvedModel } from '../model-types.js'
import { coerceField, INVALID } from './coerce-field.js'
import { toSqlParam } from './insert-rows.js'
import { fieldOf, storedValue } from './prepare-object.js'
import type { WriteContext } from './prepare-object.js'
import type { RowChange } from './run-update.js'
import { Violations } from './violations.js'

/** The update types of protocol §3.3. */
export const UPDATE_TYPES = [
  'set',
  'unset',
  'increment',
  'decrement',
  'min',
  'max',
  'multiply',
  'push',
  'pull',
  'pop',
  'shift',
] as const

export type UpdateType = (typeof UPDATE_TYPES)[number]

/** One field update of `update-fields`. */
export interface FieldUpdateInput {
  readonly field: string
  readonly updateType: UpdateType
  readonly value?: unknown
}

const NUMERIC = new Set(['increment', 'decrement', 'min', 'max', 'multiply'])
const LIST = new Set(['push', 'pull', 'pop', 'shift'])
const SYSTEM = new Set<string>(SYSTEM_FIELDS)

/**
 * The SQL of a list of field updates: each a `"column" = <expression of the column>`, on the
 * model itself or, for dot paths, on an `object` sub-object (`profile.age`).
 */
export function fieldUpdatesChange(
  model: ResolvedModel,
  updates: readonly FieldUpdateInput[],
  params: SqlParams,
  write: WriteContext,
): RowChange {
  const violations = new Violations()
  const sets: string[] = []
  const computed: ResolvedField[] = []
  const subObjects = new Map<ResolvedModel, { sets: string[]; params: unknown[] }>()
  for (const update of updates) {
    const { owner, field } = resolvePath(model, update.field)
    if (owner === model) {
      const set = assignment(field, update, (value) => params.add(value), violations, write)
      if (set) sets.push(set)
    } else {
      const entry = subObjects.get(owner) ?? { sets: [], params: [] }
      subObjects.set(owner, entry)
      const add = (value: unknown) => {
        entry.params.push(value)
        return `$${entry.params.length}`
      }
      const set = assignment(field, update, add, violations, write)
      if (set) entry.sets.push(set)
    }
    if (update.updateType !== 'set' && update.updateType !== 'unset' && owner === model)
      computed.push(field)
  }
  violations.throwIfAny()
  return { sets, computed, children: new Map(), subObjects }
}

/** The model and field a dot path names; dots may go through `object` sub-models only. */
function resolvePath(
  model: ResolvedModel,
  path: string,
): { owner: ResolvedModel; field: ResolvedField } {
  const segments = path.split('.')
  let owner = model
  for (const [i, name] of segments.entries()) {
    if (SYSTEM.has(name))
      throw fail('invalid_query', `'${name}' is a system field and cannot be updated`, {
        field: path,
      })
    const field = fieldOf(owner, name)
    if (i === segments.length - 1) {
      if (field.subModel)
        throw fail(
          'invalid_query',
          `'${path}' is a sub-model; update its fields by path or by id`,
          { field: path },
        )
      return { owner, field }
    }
    if (field.type !== 'object' || !field.subModel) {
      throw fail(
        'invalid_query',
        `'${path}' goes through '${name}', which is not an object sub-model`,
        { field: path },
      )
    }
    owner = field.subModel
  }
  throw fail('unknown_field', `no field '${path}'`, { field: path })
}

function assignment(
  field: ResolvedField,
  update: FieldUpdateInput,
  add: (value: unknown) => string,
  violations: Violations,
  write: WriteContext,
): string | undefined {
  const column = `"${field.column as string}"`
  const type = update.updateType
  if (field.readOnly) {
    violations.add(update.field, 'readOnly', 'is read-only after create', update.value ?? null)
    return undefined
  }
  if (NUMERIC.has(type) && field.valueType !== 'number') {
    throw fail(
      'invalid_query',
      `${type} needs a number field; '${update.field}' is ${field.type}`,
      { field: update.field },
    )
  }
  if (LIST.has(type) && field.type !== 'basic-values-list' && field.type !== 'option-list') {
    throw fail(
      'invalid_query',
      `${type} needs a basic values list; '${update.field}' is ${field.type}`,
      { field: update.field },
    )
  }
  switch (type) {
    case 'unset':
      if (field.required) violations.add(update.field, 'required', 'is required', null)
      return `${column} = NULL`
    case 'pop':
      return `${column} = CASE WHEN cardinality(${column}) > 0 THEN ${column}[1:cardinality(${column}) - 1] ELSE ${column} END`
    case 'shift':
      return `${column} = CASE WHEN cardinality(${column}) > 0 THEN ${column}[2:] ELSE ${column} END`
    default:
      break
  }
  const value = checkedValue(field, update, violations)
  if (value === INVALID) return undefined
  const param = add(toSqlParam(field, storedValue(field, value, write)))
  switch (type) {
    case 'set':
      return `${column} = ${param}`
    case 'increment':
      return `${column} = coalesce(${column}, 0) + ${param}`
    case 'decrement':
      return `${column} = coalesce(${column}, 0) - ${param}`
    case 'multiply':
      return `${column} = coalesce(${column}, 0) * ${param}`
    case 'min':
      return `${column} = LEAST(${column}, ${param})`
    case 'max':
      return `${column} = GREATEST(${column}, ${param})`
    case 'push':
      return `${column} = array_append(coalesce(${column}, '{}'), ${param}::${itemSqlType(field)})`
    case 'pull':
      return `${column} = array_remove(${column}, ${param}::${itemSqlType(field)})`
  }
}

/** The value of an update checked for the field: the field's type, or an element for lists. */
function checkedValue(
  field: ResolvedField,
  update: FieldUpdateInput,
  violations: Violations,
): unknown {
  const value = update.value
  if (update.updateType === 'set') {
    if (value === null && field.required) {
      violations.add(update.field, 'required', 'is required', null)
      return INVALID
    }
    return coerceField(field, value ?? null, update.field, violations)
  }
  if (NUMERIC.has(update.updateType)) {
    if (typeof value === 'number' && Number.isFinite(value)) return value
    violations.add(update.field, 'type', `${update.updateType} needs a number value`, value ?? null)
    return INVALID
  }
  const list = coerceField(field, [value], update.field, violations)
  return list === INVALID ? INVALID : (list as unknown[])[0]
}

function itemSqlType(field: ResolvedField): string {
  return (field.sqlType ?? 'text[]').replace(/\[\]$/, '')
}
