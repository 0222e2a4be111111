/**
 * The app's data model as every database service sees it: the models of `basalt.config.ts`,
 * resolved once at start (defaults filled in, names checked, SQL names chosen) and frozen.
 *
 * Storage (docs/database.md): every top-level model and every sub-model is one table in the
 * `app` schema. Scalar fields and basic-value lists are typed columns. A sub-model's rows carry
 * `_parent` (the parent row's `_id`, ON DELETE CASCADE) and, for object-lists, `_pos` (order).
 */

/** The field types of a model (docs/database.md describes each one). */
export const FIELD_TYPES = [
  'text',
  'rich-text',
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
  'geo-point',
  'basic-values-list',
  'option-list',
  'json',
  'encrypted-text',
  'auto-increment',
  'object',
  'object-list',
] as const

export type FieldType = (typeof FIELD_TYPES)[number]

/** Element types a `basic-values-list` may hold. */
export const LIST_ITEM_TYPES = [
  'text',
  'integer',
  'decimal',
  'boolean',
  'date-time',
  'object-id',
] as const

export type ListItemType = (typeof LIST_ITEM_TYPES)[number]

/** The type of a value as the expression language sees it (evaluator and SQL compiler alike). */
export type ValueType =
  'text' | 'number' | 'boolean' | 'date' | 'id' | 'geo' | 'list' | 'object' | 'null' | 'unknown'

/** A custom validation rule: fails when `rule` evaluates false; `message` is an expression too. */
export interface ResolvedRule {
  readonly name: string
  readonly rule: string
  readonly message: string
  /** Check the field's further rules even when this one fails. */
  readonly continueOnFailure: boolean
}

/** One field of a model, with its rules. */
export interface ResolvedField {
  readonly name: string
  /** The SQL column name (quoted by whoever writes SQL); undefined for object / object-list. */
  readonly column: string | undefined
  readonly type: FieldType
  /** The element type of a `basic-values-list` ('text' for an `option-list`). */
  readonly itemType: ListItemType | undefined
  /** The expression type of the field's value. */
  readonly valueType: ValueType
  /** The PostgreSQL column type (`text`, `bigint`, `double precision`, `text[]`, ...). */
  readonly sqlType: string | undefined
  readonly required: boolean
  readonly unique: boolean
  readonly indexed: boolean
  readonly readOnly: boolean
  /** In the model's full-text index (text and rich-text). */
  readonly searchable: boolean
  /** In a trigram index for fuzzy search (text and rich-text of top-level models). */
  readonly fuzzySearchable: boolean
  /** The default-value expression, evaluated when a create has no value for the field. */
  readonly defaultValue: string | undefined
  readonly min: number | undefined
  readonly max: number | undefined
  readonly minLength: number | undefined
  readonly maxLength: number | undefined
  /** A regular expression (JavaScript syntax) the text must match. */
  readonly pattern: string | undefined
  /** Allowed values of an `option` / `option-list`. */
  readonly values: readonly string[] | undefined
  /** Decimal places kept for a `decimal` (rounded on write). */
  readonly decimalPlaces: number | undefined
  readonly rules: readonly ResolvedRule[]
  /** The target model name of a `reference`. */
  readonly reference: string | undefined
  /** The sub-model of an `object` or `object-list` field. */
  readonly subModel: ResolvedModel | undefined
}

/** The access rules of a model: expressions over `this` and `session`, or absent (closed). */
export interface ResolvedAccess {
  readonly read: string | undefined
  readonly create: string | undefined
  readonly update: string | undefined
  readonly delete: string | undefined
}

/** A top-level model or a sub-model. */
export interface ResolvedModel {
  /** The dot path clients use: `posts`, `posts.comments`. */
  readonly name: string
  /** The SQL table name in the `app` schema (quote it). */
  readonly table: string
  readonly kind: 'top' | 'object' | 'object-list'
  /** The enclosing model of a sub-model. */
  readonly parent: ResolvedModel | undefined
  /** The field of the parent that holds this sub-model. */
  readonly parentField: string | undefined
  readonly timestamps: boolean
  /** The declared fields in declaration order (system fields are not listed). */
  readonly fields: ReadonlyMap<string, ResolvedField>
  /** The text-search configuration of the searchable fields (`english`, `simple`, ...). */
  readonly searchLanguage: string
  /** The access rules; a sub-model uses its top-level model's rules. */
  readonly access: ResolvedAccess
}

/** Every model and sub-model of the app, by dot path. */
export interface ModelCatalog {
  readonly models: ReadonlyMap<string, ResolvedModel>
}

/** The SQL schema that holds the app's tables. */
export const APP_SCHEMA = 'app'

/** System fields: present on every object, written by the server only. */
export const SYSTEM_FIELDS = ['_id', '_parent', 'createdAt', 'updatedAt'] as const
