import type { ExpressionNode } from '@basalt/protocol'
import type { ResolvedModel, ValueType } from '../../model-types.js'

/** The types that have a plain PostgreSQL scalar form. */
export type ScalarType = 'text' | 'number' | 'boolean' | 'date' | 'id'

/** How a list value is held in SQL. */
export type ListRepr =
  /** A PostgreSQL array of a scalar type (`text[]`, `double precision[]`, ...). */
  | { readonly kind: 'array'; readonly elem: ScalarType | 'null' }
  /** A jsonb array whose elements have no static type. */
  | { readonly kind: 'json' }
  /** The rows of an object-list sub-model under one parent (the sql is their jsonb array). */
  | { readonly kind: 'rel'; readonly rel: RelList }

/** An object-list as rows: `FROM table alias WHERE alias._parent = parent AND conds`. */
export interface RelList {
  readonly model: ResolvedModel
  readonly alias: string
  /** SQL of the parent row's `_id`; the list is null when it is null. */
  readonly parent: string
  readonly parentNullable: boolean
  /** Extra conditions over `alias` (FILTER). */
  readonly conds: readonly string[]
}

/**
 * A compiled sub-expression. The SQL of each type: text and id `text`, number `double
 * precision` (or `bigint` when `bigint`), boolean `boolean`, date `timestamptz`, geo
 * `double precision[]` ([lng, lat]), list per `list`, object and unknown `jsonb` (JSON null
 * normalised to SQL NULL), null an SQL NULL.
 */
export interface Val {
  readonly sql: string
  readonly type: ValueType
  readonly list?: ListRepr
  /** Set when the value is a literal of the expression (for compile-time coercions). */
  readonly literal?: { readonly value: string | number | boolean | null }
  /** Set when the value is a list literal of literals (`IN([...], v)` binds it as one array). */
  readonly constantList?: readonly unknown[]
  /** Statically never null. */
  readonly notNull?: boolean
  /** A number held as `bigint` (integer columns). */
  readonly bigint?: boolean
  /** An encrypted-text column: only null tests may read it. */
  readonly encrypted?: boolean
  /** The node it came from (error positions). */
  readonly node?: ExpressionNode
}

/** The PostgreSQL type of a scalar type's values. */
export function pgType(type: ScalarType | 'null'): string {
  switch (type) {
    case 'number':
      return 'double precision'
    case 'boolean':
      return 'boolean'
    case 'date':
      return 'timestamptz'
    default:
      return 'text'
  }
}

/** Whether a value type has a plain scalar SQL form. */
export function isScalar(type: ValueType): type is ScalarType {
  return (
    type === 'text' || type === 'number' || type === 'boolean' || type === 'date' || type === 'id'
  )
}

/** A typed SQL NULL of a value type. */
export function nullOf(type: ValueType, list?: ListRepr): Val {
  if (isScalar(type)) return { sql: `NULL::${pgType(type)}`, type }
  if (type === 'geo') return { sql: 'NULL::double precision[]', type }
  if (type === 'list' && list?.kind === 'array') {
    return { sql: `NULL::${pgType(list.elem)}[]`, type, list }
  }
  if (type === 'list') return { sql: 'NULL::jsonb', type, list: { kind: 'json' } }
  if (type === 'null') return { sql: 'NULL', type }
  return { sql: 'NULL::jsonb', type }
}

/** A boolean SQL that is never null. */
export function boolVal(sql: string): Val {
  return { sql, type: 'boolean', notNull: true }
}

const SIMPLE = [
  /^\ue000\d+\ue000$/,
  /^\$\d+(::[a-z ]+(\[\])?)?$/,
  /^"[A-Za-z_][A-Za-z0-9_]*"\."[A-Za-z_][A-Za-z0-9_]*"(::[a-z ]+(\[\])?)?$/,
  /^NULL(::[a-z ]+(\[\])?)?$/,
  /^(true|false)$/,
  /^-?\d+(\.\d+)?(::[a-z ]+)?$/,
]

/** Whether SQL is a parameter, a column, a constant: cheap to repeat and free of side effects. */
export function isSimpleSql(sql: string): boolean {
  return SIMPLE.some((pattern) => pattern.test(sql))
}
