/**
 * The fixture of the expression SQL tests: a hand-built model catalog (`products` with every
 * field type, `users` it references), DDL following the storage layout of model-types.ts, the
 * objects as the evaluator sees them (dates as Date), and their insertion.
 */
import { afterAll, beforeAll } from 'vitest'
import { createTestDatabase } from '../../../test-support/databases.js'
import type { PgTarget, TestDatabase } from '../../../test-support/databases.js'
import pg from 'pg'
import type {
  FieldType,
  ListItemType,
  ModelCatalog,
  ResolvedField,
  ResolvedModel,
  ValueType,
} from '../src/core/db/model-types.js'
import { compileCondition, compileValue } from '../src/core/db/expressions/sql/compile.js'
import { SqlParams } from '../src/core/db/expressions/sql/sql-types.js'
import type { SqlScope } from '../src/core/db/expressions/sql/sql-types.js'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'

const VALUE_TYPES: Partial<Record<FieldType, ValueType>> = {
  integer: 'number',
  decimal: 'number',
  'auto-increment': 'number',
  boolean: 'boolean',
  'date-time': 'date',
  'object-id': 'id',
  reference: 'id',
  'geo-point': 'geo',
  'basic-values-list': 'list',
  'option-list': 'list',
  json: 'unknown',
  object: 'object',
  'object-list': 'list',
}

const SQL_TYPES: Partial<Record<FieldType, string>> = {
  integer: 'bigint',
  'auto-increment': 'bigint',
  decimal: 'double precision',
  boolean: 'boolean',
  'date-time': 'timestamptz',
  'geo-point': 'double precision[]',
  'option-list': 'text[]',
  json: 'jsonb',
}

const ITEM_SQL: Record<ListItemType, string> = {
  text: 'text[]',
  integer: 'bigint[]',
  decimal: 'double precision[]',
  boolean: 'boolean[]',
  'date-time': 'timestamptz[]',
  'object-id': 'text[]',
}

type FieldSpec = [name: string, type: FieldType, extra?: Partial<ResolvedField>]

function field([name, type, extra]: FieldSpec): ResolvedField {
  const structured = type === 'object' || type === 'object-list'
  const sqlType = structured
    ? undefined
    : type === 'basic-values-list'
      ? ITEM_SQL[extra?.itemType ?? 'text']
      : (SQL_TYPES[type] ?? 'text')
  return {
    name,
    column: structured ? undefined : name,
    type,
    itemType: type === 'option-list' ? 'text' : undefined,
    valueType: VALUE_TYPES[type] ?? 'text',
    sqlType,
    required: false,
    unique: false,
    indexed: false,
    readOnly: false,
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
    ...extra,
  }
}

function model(
  name: string,
  table: string,
  kind: ResolvedModel['kind'],
  specs: FieldSpec[],
  timestamps = false,
): ResolvedModel {
  return {
    name,
    table,
    kind,
    parent: undefined,
    parentField: undefined,
    timestamps,
    fields: new Map(specs.map((spec) => [spec[0], field(spec)])),
    searchLanguage: 'simple',
    access: { read: undefined, create: undefined, update: undefined, delete: undefined },
  }
}

const replies = model('products.reviews.replies', 'products_reviews_replies', 'object-list', [
  ['text', 'text'],
])
const reviews = model('products.reviews', 'products_reviews', 'object-list', [
  ['author', 'text'],
  ['rating', 'integer'],
  ['verified', 'boolean'],
  ['postedAt', 'date-time'],
  ['replies', 'object-list', { subModel: replies }],
])
const inner = model('products.dims.inner', 'products_dims_inner', 'object', [['depth', 'decimal']])
const dims = model('products.dims', 'products_dims', 'object', [
  ['width', 'decimal'],
  ['height', 'decimal'],
  ['unit', 'text'],
  ['inner', 'object', { subModel: inner }],
])
const users = model('users', 'users', 'top', [
  ['name', 'text'],
  ['email', 'email'],
  ['age', 'integer'],
])
const products = model(
  'products',
  'products',
  'top',
  [
    ['title', 'text'],
    ['body', 'rich-text'],
    ['email', 'email'],
    ['site', 'link'],
    ['phone', 'phone'],
    ['status', 'option', { values: ['new', 'old'] }],
    ['qty', 'integer'],
    ['price', 'decimal'],
    ['active', 'boolean'],
    ['releasedAt', 'date-time'],
    ['code', 'object-id'],
    ['owner', 'reference', { reference: 'users' }],
    ['location', 'geo-point'],
    ['tags', 'basic-values-list', { itemType: 'text' }],
    ['scores', 'basic-values-list', { itemType: 'integer' }],
    ['ratios', 'basic-values-list', { itemType: 'decimal' }],
    ['flags', 'basic-values-list', { itemType: 'boolean' }],
    ['dates', 'basic-values-list', { itemType: 'date-time' }],
    ['colors', 'option-list', { values: ['red', 'green', 'blue'] }],
    ['meta', 'json'],
    ['secret', 'encrypted-text'],
    ['serial', 'auto-increment'],
    ['dims', 'object', { subModel: dims }],
    ['reviews', 'object-list', { subModel: reviews }],
  ],
  true,
)

/** The fixture's models, by dot path. */
export const CATALOG: ModelCatalog = {
  models: new Map([products, dims, inner, reviews, replies, users].map((m) => [m.name, m])),
}
export const PRODUCTS = products
export const USERS = users
export const REVIEWS = reviews

/** DDL for every table of the catalog, as the storage layout of model-types.ts describes. */
export function fixtureDdl(): string {
  const statements = ['CREATE SCHEMA app']
  const add = (m: ResolvedModel, parent?: ResolvedModel) => {
    const columns = ['"_id" text PRIMARY KEY']
    if (parent) {
      columns.push(`"_parent" text NOT NULL REFERENCES app."${parent.table}" ON DELETE CASCADE`)
    }
    if (m.kind === 'object-list') columns.push('"_pos" integer NOT NULL')
    for (const f of m.fields.values()) if (f.column) columns.push(`"${f.column}" ${f.sqlType}`)
    if (m.timestamps)
      columns.push('"createdAt" timestamptz NOT NULL', '"updatedAt" timestamptz NOT NULL')
    statements.push(`CREATE TABLE app."${m.table}" (${columns.join(', ')})`)
    for (const f of m.fields.values()) if (f.subModel) add(f.subModel, m)
  }
  add(users)
  add(products)
  return statements.join(';\n')
}

type Obj = Record<string, unknown>

const id = (n: number) => n.toString(16).padStart(24, '0')

/** Users, as clients (and the evaluator) see them. */
export const USER_OBJECTS: Obj[] = [
  { _id: id(0xa1), name: 'Ann', email: 'ann@example.com', age: 31 },
  { _id: id(0xa2), name: 'Bob', email: null, age: null },
]

const t0 = new Date('2024-02-29T13:45:30.250Z')

/** Products, as the evaluator sees them: every field present, null when empty, Dates. */
export const PRODUCT_OBJECTS: Obj[] = [
  {
    _id: id(1),
    title: 'Widget Ünïcode ☃',
    body: '<p>Hello</p>',
    email: 'shop@example.com',
    site: 'https://example.com/a?b=1',
    phone: '+14155552671',
    status: 'new',
    qty: 12,
    price: 19.99,
    active: true,
    releasedAt: t0,
    code: 'abcdefabcdefabcdefabcdef',
    owner: id(0xa1),
    location: [29.03, 41.22],
    tags: ['news', 'sale', 'news', ''],
    scores: [3, 1, 2],
    ratios: [0.5, 1.25, -2],
    flags: [true, false],
    dates: [new Date('2020-01-01T00:00:00.000Z'), new Date('2021-06-15T12:30:00.000Z')],
    colors: ['red', 'blue'],
    meta: { a: 1, b: 'x', c: [1, 2, 3], d: { e: true }, n: null, s: '2022-05-01T00:00:00Z' },
    secret: 'ciphertext',
    serial: 7,
    dims: {
      _id: id(0x101),
      _parent: id(1),
      width: 2.5,
      height: 4,
      unit: 'cm',
      inner: { _id: id(0x201), _parent: id(0x101), depth: 1.5 },
    },
    reviews: [
      {
        _id: id(0x301),
        _parent: id(1),
        author: 'Ann',
        rating: 5,
        verified: true,
        postedAt: new Date('2024-03-01T10:00:00.000Z'),
        replies: [{ _id: id(0x401), _parent: id(0x301), text: 'thanks' }],
      },
      {
        _id: id(0x302),
        _parent: id(1),
        author: 'Bob',
        rating: 2,
        verified: false,
        postedAt: new Date('2024-01-15T08:00:00.000Z'),
        replies: [],
      },
      {
        _id: id(0x303),
        _parent: id(1),
        author: 'Cy',
        rating: 4,
        verified: null,
        postedAt: null,
        replies: [],
      },
    ],
    createdAt: new Date('2023-01-31T09:00:00.000Z'),
    updatedAt: new Date('2023-02-01T09:00:00.000Z'),
  },
  {
    _id: id(2),
    title: '',
    body: null,
    email: 'not-an-email',
    site: 'ftp://example.com',
    phone: '0123',
    status: null,
    qty: 0,
    price: null,
    active: false,
    releasedAt: null,
    code: null,
    owner: id(0xa9),
    location: null,
    tags: [],
    scores: null,
    ratios: [],
    flags: null,
    dates: [],
    colors: [],
    meta: null,
    secret: null,
    serial: 8,
    dims: null,
    reviews: [],
    createdAt: new Date('2023-03-01T00:00:00.000Z'),
    updatedAt: new Date('2023-03-01T00:00:00.000Z'),
  },
]

/** The ids of the fixture products. */
export const P1 = id(1)
export const P2 = id(2)

/** Inserts one object (and its sub-objects) of a model. */
async function insert(client: pg.Client, m: ResolvedModel, object: Obj, pos?: number) {
  const columns = ['_id']
  const values: unknown[] = [object._id]
  if (m.kind !== 'top') columns.push('_parent')
  if (m.kind !== 'top') values.push(object._parent)
  if (pos !== undefined) columns.push('_pos')
  if (pos !== undefined) values.push(pos)
  for (const f of m.fields.values()) {
    if (!f.column) continue
    columns.push(f.column)
    const value = object[f.name] ?? null
    values.push(f.type === 'json' && value !== null ? JSON.stringify(value) : value)
  }
  if (m.timestamps) columns.push('createdAt', 'updatedAt')
  if (m.timestamps) values.push(object.createdAt, object.updatedAt)
  const placeholders = values.map((_, i) => `$${i + 1}`)
  const names = columns.map((c) => `"${c}"`)
  await client.query(
    `INSERT INTO app."${m.table}" (${names.join(', ')}) VALUES (${placeholders.join(', ')})`,
    values,
  )
  for (const f of m.fields.values()) {
    const sub = f.subModel
    const value = object[f.name]
    if (!sub || value === null || value === undefined) continue
    if (f.type === 'object') await insert(client, sub, value as Obj)
    else for (const [i, item] of (value as Obj[]).entries()) await insert(client, sub, item, i)
  }
}

/** Creates the tables and inserts the fixture objects. */
export async function loadFixture(client: pg.Client): Promise<void> {
  await client.query(fixtureDdl())
  for (const user of USER_OBJECTS) await insert(client, users, user)
  for (const product of PRODUCT_OBJECTS) await insert(client, products, product)
}

/** A connection to a fixture database and the ways the tests run expressions on it. */
export interface FixtureDb {
  readonly client: pg.Client
  /** The value of an expression for one product (default: the first). */
  value(source: string, options?: RunOptions): Promise<unknown>
  /** The truthiness (as a filter sees it) of an expression for one product. */
  condition(source: string, options?: RunOptions): Promise<unknown>
  /** The ids of the products a filter keeps. */
  filter(source: string, options?: RunOptions): Promise<string[]>
  close(): Promise<void>
}

export interface RunOptions {
  readonly id?: string
  readonly scope?: Partial<SqlScope>
}

/** Connects to a database, loads the fixture, and gives the runners. */
export async function openFixture(url: string): Promise<FixtureDb> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await loadFixture(client)
  const scopeOf = (options?: RunOptions): SqlScope => ({
    catalog: CATALOG,
    model: PRODUCTS,
    alias: 't',
    purpose: 'filter',
    ...options?.scope,
  })
  const one = async (sql: string, params: SqlParams, id: string) => {
    const result = await client.query(
      `SELECT ${sql} AS v FROM app."products" AS t WHERE t."_id" = $1`,
      [id, ...params.values],
    )
    return result.rows[0]?.v
  }
  return {
    client,
    async value(source, options) {
      const params = new SqlParams(1)
      const compiled = compileValue(parseExpression(source), scopeOf(options), params)
      const value = await one(compiled.sql, params, options?.id ?? P1)
      return compiled.type === 'number' && typeof value === 'string' ? Number(value) : value
    },
    async condition(source, options) {
      const params = new SqlParams(1)
      const sql = compileCondition(parseExpression(source), scopeOf(options), params)
      return one(sql, params, options?.id ?? P1)
    },
    async filter(source, options) {
      const params = new SqlParams()
      const sql = compileCondition(parseExpression(source), scopeOf(options), params)
      const result = await client.query(
        `SELECT t."_id" FROM app."products" AS t WHERE ${sql} ORDER BY t."_id"`,
        params.values,
      )
      return result.rows.map((row: { _id: string }) => row._id)
    },
    close: () => client.end(),
  }
}

/**
 * The fixture on a fresh database of `target`, opened before the tests of the enclosing
 * describe block and dropped after them.
 */
export function useFixture(target: PgTarget): FixtureDb {
  let testDb: TestDatabase | undefined
  let db: FixtureDb | undefined
  beforeAll(async () => {
    testDb = await createTestDatabase(target)
    db = await openFixture(testDb.url)
  })
  afterAll(async () => {
    await db?.close()
    await testDb?.drop()
  })
  const open = (): FixtureDb => {
    if (!db) throw new Error('the fixture opens in beforeAll')
    return db
  }
  return {
    get client() {
      return open().client
    },
    value: (source, options) => open().value(source, options),
    condition: (source, options) => open().condition(source, options),
    filter: (source, options) => open().filter(source, options),
    close: async () => undefined,
  }
}
