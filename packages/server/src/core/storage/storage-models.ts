import type { FieldType, ResolvedField, ResolvedModel, ValueType } from '../db/model-types.js'

/** The synthetic models storage filters compile over: columns of basalt.storage_* tables. */
function field(
  name: string,
  type: FieldType,
  valueType: ValueType,
  sqlType: string,
): ResolvedField {
  return {
    name,
    column: name,
    type,
    itemType: type === 'basic-values-list' ? 'text' : undefined,
    valueType,
    sqlType,
    required: false,
    unique: false,
    indexed: false,
    readOnly: true,
    searchable: false,
    fuzzySearchable: false,
    defaultValue: undefined,
    min: undefined,
    max: undefined,
    minLength: undefined,
    maxLength: undefined,
    pattern: undefined,
    values: undefined,
    decimalPlaces: undefined,
    rules: [],
    reference: undefined,
    subModel: undefined,
  }
}

const text = (name: string) => field(name, 'text', 'text', 'text')
const flag = (name: string) => field(name, 'boolean', 'boolean', 'boolean')
const date = (name: string) => field(name, 'date-time', 'date', 'timestamptz')
const id = (name: string) => field(name, 'object-id', 'id', 'text')
const tags = () => field('tags', 'basic-values-list', 'list', 'text[]')

function model(name: string, table: string, fields: ResolvedField[]): ResolvedModel {
  return {
    name,
    table,
    kind: 'top',
    parent: undefined,
    parentField: undefined,
    // uploadedAt / updatedAt are plain fields here: the compiler's timestamps mean createdAt.
    timestamps: false,
    fields: new Map(fields.map((f) => [f.name, f])),
    searchLanguage: 'simple',
    access: { read: undefined, create: undefined, update: undefined, delete: undefined },
  }
}

/** Buckets as filter expressions see them (protocol §4.2). */
export const BUCKET_MODEL: ResolvedModel = model('storage.buckets', 'storage_buckets', [
  text('name'),
  flag('isPublic'),
  id('userId'),
  tags(),
  date('createdAt'),
  date('updatedAt'),
])

/** Files as filter expressions see them (protocol §4.3). */
export const FILE_MODEL: ResolvedModel = model('storage.files', 'storage_files', [
  id('bucketId'),
  text('fileName'),
  field('size', 'integer', 'number', 'bigint'),
  text('encoding'),
  text('mimeType'),
  flag('isPublic'),
  text('publicPath'),
  id('userId'),
  tags(),
  date('uploadedAt'),
  date('updatedAt'),
])

/** Sort fields clients may name (protocol §4.2, §4.3). */
export const BUCKET_SORT_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'isPublic',
  'createdAt',
  'updatedAt',
  'userId',
  'tags',
])

export const FILE_SORT_FIELDS: ReadonlySet<string> = new Set([
  'bucketId',
  'fileName',
  'size',
  'encoding',
  'mimeType',
  'isPublic',
  'publicPath',
  'uploadedAt',
  'updatedAt',
  'userId',
  'tags',
])
