import { z } from 'zod'
import { FIELD_TYPES, LIST_ITEM_TYPES } from '../core/db/model-types.js'
import type { FieldType, ListItemType } from '../core/db/model-types.js'
import { checkModels } from './model-checks.js'

/** Types whose value is stored in a column (every type but auto-increment and sub-models). */
type ValueType = Exclude<FieldType, 'auto-increment' | 'object' | 'object-list'>
const VALUE_TYPES = FIELD_TYPES.filter(
  (type): type is ValueType =>
    type !== 'auto-increment' && type !== 'object' && type !== 'object-list',
)

const UNIQUE_TYPES = [
  'text',
  'email',
  'link',
  'phone',
  'option',
  'integer',
  'decimal',
  'date-time',
  'object-id',
  'reference',
  'auto-increment',
] as const

const LENGTH_TYPES = ['text', 'rich-text', 'email', 'link', 'phone', 'encrypted-text'] as const

/** The types each optional field property applies to; any other type refuses it. */
export const PROPERTY_TYPES = {
  required: [...VALUE_TYPES, 'object', 'object-list'],
  readOnly: [...VALUE_TYPES, 'object', 'object-list'],
  rules: [...VALUE_TYPES, 'object', 'object-list'],
  defaultValue: VALUE_TYPES,
  unique: UNIQUE_TYPES,
  indexed: [...UNIQUE_TYPES, 'boolean', 'basic-values-list', 'option-list', 'json'],
  searchable: ['text', 'rich-text'],
  fuzzySearchable: ['text', 'rich-text'],
  min: ['integer', 'decimal'],
  max: ['integer', 'decimal'],
  minLength: LENGTH_TYPES,
  maxLength: LENGTH_TYPES,
  pattern: ['text', 'email', 'link', 'phone', 'encrypted-text'],
  decimalPlaces: ['decimal'],
  timestamps: ['object', 'object-list'],
} as const satisfies Record<string, readonly FieldType[]>

/** A custom validation rule: it fails when `rule` evaluates false; `message` is an expression. */
export interface RuleConfig {
  name: string
  rule: string
  message: string
  /** Check the field's further rules even when this one fails (default false). */
  continueOnFailure?: boolean
}

/** The value of each optional field property. */
interface PropertyValues {
  /** The value must be present on create (checked by the server, not by a NOT NULL column). */
  required: boolean
  /** Can be set on create, never changed afterwards. */
  readOnly: boolean
  rules: readonly RuleConfig[]
  /** An expression evaluated when a create has no value for the field. */
  defaultValue: string
  unique: boolean
  indexed: boolean
  /** Joins the model's full-text index (`searchText`). */
  searchable: boolean
  /** Gets a trigram index for `searchFuzzy` (top-level models only). */
  fuzzySearchable: boolean
  min: number
  max: number
  minLength: number
  maxLength: number
  /** A JavaScript regular expression the text must match. */
  pattern: string
  /** Decimal places kept on write. */
  decimalPlaces: number
  /** `createdAt` / `updatedAt` on the sub-model's objects (default true). */
  timestamps: boolean
}

type OptionalProperty = keyof typeof PROPERTY_TYPES

type PropertiesOf<T extends FieldType> = {
  [
    P in OptionalProperty as T extends (typeof PROPERTY_TYPES)[P][number] ? P : never
  ]?: PropertyValues[P]
}

/** The properties some types cannot do without. */
interface MandatoryProperties {
  option: { values: readonly string[] }
  'option-list': { values: readonly string[] }
  'basic-values-list': { itemType: ListItemType }
  /** `model`: a top-level model or a sub-model by dot path (`users.addresses`). */
  reference: { model: string }
  object: { fields: FieldsConfig }
  'object-list': { fields: FieldsConfig }
}

type MandatoryOf<T extends FieldType> = T extends keyof MandatoryProperties
  ? MandatoryProperties[T]
  : unknown

/** One field of a model in `basalt.config.ts`: its type and the properties that type takes. */
export type FieldConfig = {
  [T in FieldType]: { type: T } & PropertiesOf<T> & MandatoryOf<T>
}[FieldType]

/** Any field seen flat: every property typed, each present only on the types that take it. */
export type AnyFieldConfig = { type: FieldType } & {
  [P in OptionalProperty]?: PropertyValues[P]
} & {
  values?: readonly string[]
  itemType?: ListItemType
  model?: string
  fields?: FieldsConfig
}

/** The fields of a model or sub-model, by name, in declaration order. */
export interface FieldsConfig {
  [name: string]: FieldConfig
}

/** Access rules: expressions over `this` and `session`; an absent rule closes the operation. */
export interface AccessConfig {
  read?: string
  create?: string
  update?: string
  delete?: string
}

/** A top-level model in `basalt.config.ts`. */
export interface ModelConfig {
  /** `createdAt` / `updatedAt` on every object (default true). */
  timestamps?: boolean
  /** The text search configuration of the searchable fields (default `english`). */
  searchLanguage?: string
  access?: AccessConfig
  fields: FieldsConfig
}

/** The app's models, by name. */
export interface ModelsConfig {
  [name: string]: ModelConfig
}

const expression = z.string().min(1, 'expected an expression (a non-empty string)')

const ruleSchema = z.strictObject({
  name: z.string().min(1, 'expected a non-empty rule name'),
  rule: expression,
  message: expression,
  continueOnFailure: z.boolean().optional(),
})

const count = z.number().int('expected a whole number').min(0, 'expected 0 or more')

const PROPERTY_SCHEMAS: { [P in OptionalProperty]: z.ZodType<PropertyValues[P]> } = {
  required: z.boolean(),
  readOnly: z.boolean(),
  rules: z.array(ruleSchema),
  defaultValue: expression,
  unique: z.boolean(),
  indexed: z.boolean(),
  searchable: z.boolean(),
  fuzzySearchable: z.boolean(),
  min: z.number(),
  max: z.number(),
  minLength: count,
  maxLength: count,
  pattern: z.string().refine(isRegExp, { error: (issue) => regExpProblem(issue.input) }),
  decimalPlaces: count.max(15, 'expected at most 15'),
  timestamps: z.boolean(),
}

const optionValues = z
  .array(z.string().min(1, 'expected non-empty option values'))
  .min(1, 'expected at least one option value')
  .refine((values) => new Set(values).size === values.length, 'expected distinct option values')

const MANDATORY_SCHEMAS: Partial<Record<FieldType, Record<string, z.ZodType>>> = {
  option: { values: optionValues },
  'option-list': { values: optionValues },
  'basic-values-list': {
    itemType: z.enum(LIST_ITEM_TYPES, {
      error: `expected itemType to be one of: ${LIST_ITEM_TYPES.join(', ')}`,
    }),
  },
  reference: { model: z.string().min(1, 'expected the name of the referenced model') },
  object: { fields: z.lazy(() => fieldsSchema) },
  'object-list': { fields: z.lazy(() => fieldsSchema) },
}

/** The properties a type takes, for messages. */
export function propertiesOf(type: FieldType): string[] {
  const optional = (Object.keys(PROPERTY_TYPES) as OptionalProperty[]).filter((property) =>
    (PROPERTY_TYPES[property] as readonly FieldType[]).includes(type),
  )
  return [...Object.keys(MANDATORY_SCHEMAS[type] ?? {}), ...optional]
}

function typeSchema(type: FieldType) {
  const shape: Record<string, z.ZodType> = { type: z.literal(type), ...MANDATORY_SCHEMAS[type] }
  for (const property of propertiesOf(type)) {
    const schema = PROPERTY_SCHEMAS[property as OptionalProperty]
    if (schema) shape[property] = schema.optional()
  }
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? unknownProperties(type, issue.keys) : undefined,
  })
}

function unknownProperties(type: FieldType, keys: readonly string[]): string {
  const problems = keys.map((key) => {
    const takers = FIELD_TYPES.filter((other) => propertiesOf(other).includes(key))
    return takers.length > 0
      ? `'${key}' does not apply to ${type} fields (only to ${takers.join(', ')})`
      : `unknown property '${key}'`
  })
  const article = /^[aeio]/.test(type) ? 'an' : 'a'
  return `${problems.join('; ')}; ${article} ${type} field takes: type, ${propertiesOf(type).join(', ')}`
}

const fieldSchema = z.discriminatedUnion(
  'type',
  FIELD_TYPES.map(typeSchema) as unknown as [ReturnType<typeof typeSchema>],
  { error: () => `expected type to be one of: ${FIELD_TYPES.join(', ')}` },
)

const fieldsSchema: z.ZodType<FieldsConfig> = z.record(
  z.string(),
  fieldSchema,
) as unknown as z.ZodType<FieldsConfig>

const modelSchema = z.strictObject({
  timestamps: z.boolean().optional(),
  searchLanguage: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'expected a text search configuration name such as english')
    .optional(),
  access: z
    .strictObject({
      read: expression.optional(),
      create: expression.optional(),
      update: expression.optional(),
      delete: expression.optional(),
    })
    .optional(),
  fields: fieldsSchema,
})

/** The `models` section: each model's shape, then names and references across all of them. */
export const modelsSchema: z.ZodType<ModelsConfig, ModelsConfig> = z
  .record(z.string(), modelSchema)
  .superRefine(checkModels) as unknown as z.ZodType<ModelsConfig, ModelsConfig>

function isRegExp(pattern: string): boolean {
  return regExpProblem(pattern) === undefined
}

function regExpProblem(pattern: unknown): string | undefined {
  try {
    new RegExp(String(pattern))
    return undefined
  } catch (error) {
    return `expected a valid regular expression: ${(error as Error).message}`
  }
}
