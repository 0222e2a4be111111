import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CONFIG, parseServerConfig } from '../src/config/server-config.js'
import { FIELD_TYPES } from '../src/core/db/model-types.js'
import type { ModelCatalog } from '../src/core/db/model-types.js'
import { computePlan } from '../src/core/db/schema/plan-schema.js'
import type { SchemaState } from '../src/core/db/schema/read-schema.js'
import { resolveModels } from '../src/core/db/schema/resolve-models.js'
import { SchemaChangeError } from '../src/core/db/schema/schema-plan.js'
import { searchVector } from '../src/core/db/schema/search-vector.js'
import { typeChange } from '../src/core/db/schema/column-changes.js'

/** The problems a `models` section gets, as the CLI prints them (`app.models.<path>: ...`). */
function problems(models: unknown): string[] {
  try {
    parseServerConfig({ ...DEFAULT_CONFIG, app: { models } })
    return []
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return error.problems
  }
}

function catalogOf(models: unknown): ModelCatalog {
  return resolveModels(parseServerConfig({ ...DEFAULT_CONFIG, app: { models } }).app)
}

const field = (declared: Record<string, unknown>) => ({ m: { fields: { f: declared } } })

const BLOG = {
  users: { fields: { name: { type: 'text', required: true } } },
  posts: {
    searchLanguage: 'simple',
    access: { read: 'true', update: 'this.author == session.userId' },
    fields: {
      title: { type: 'text', required: true, searchable: true, fuzzySearchable: true },
      body: { type: 'rich-text', searchable: true },
      slug: { type: 'text', unique: true, pattern: '^[a-z0-9-]+$', maxLength: 80 },
      status: { type: 'option', values: ['draft', 'published'], defaultValue: "'draft'" },
      labels: { type: 'option-list', values: ['a', 'b'] },
      tags: { type: 'basic-values-list', itemType: 'text', indexed: true },
      scores: { type: 'basic-values-list', itemType: 'decimal' },
      views: { type: 'integer', min: 0, rules: [{ name: 'r', rule: 'true', message: "'no'" }] },
      rating: { type: 'decimal', decimalPlaces: 2 },
      published: { type: 'boolean' },
      publishedAt: { type: 'date-time', indexed: true },
      external: { type: 'object-id' },
      author: { type: 'reference', model: 'users' },
      where: { type: 'geo-point' },
      meta: { type: 'json' },
      secret: { type: 'encrypted-text' },
      number: { type: 'auto-increment' },
      seo: { type: 'object', timestamps: false, fields: { description: { type: 'text' } } },
      comments: {
        type: 'object-list',
        fields: {
          text: { type: 'text', searchable: true },
          replyTo: { type: 'reference', model: 'posts.comments' },
          likes: { type: 'object-list', fields: { by: { type: 'reference', model: 'users' } } },
        },
      },
    },
  },
}

describe('model declarations', () => {
  it('accept every field type with its properties', () => {
    expect(problems(BLOG)).toEqual([])
    const declared = new Set(Object.values(BLOG.posts.fields).map((f) => f.type))
    declared.add('email').add('link').add('phone')
    expect(FIELD_TYPES.filter((type) => !declared.has(type))).toEqual([])
    expect(problems({ c: { fields: { e: { type: 'email' }, l: { type: 'link' } } } })).toEqual([])
  })

  it('refuse properties that do not apply to the type, naming those that do', () => {
    expect(problems(field({ type: 'integer', minLength: 2 }))).toEqual([
      "app.models.m.fields.f: 'minLength' does not apply to integer fields " +
        '(only to text, rich-text, email, link, phone, encrypted-text); an integer field takes: ' +
        'type, required, readOnly, rules, defaultValue, unique, indexed, min, max',
    ])
    expect(problems(field({ type: 'integer', searchable: true }))[0]).toContain(
      "'searchable' does not apply to integer fields (only to text, rich-text)",
    )
    expect(problems(field({ type: 'text', model: 'x' }))[0]).toContain(
      "'model' does not apply to text fields (only to reference)",
    )
    expect(problems(field({ type: 'text', colour: 'red' }))[0]).toContain(
      "unknown property 'colour'",
    )
    expect(problems(field({ type: 'auto-increment', required: true }))[0]).toContain(
      "'required' does not apply to auto-increment fields",
    )
  })

  it('refuse unknown types and missing mandatory properties', () => {
    expect(problems(field({ type: 'number' }))).toEqual([
      `app.models.m.fields.f.type: expected type to be one of: ${FIELD_TYPES.join(', ')}`,
    ])
    expect(problems(field({ type: 'option' }))[0]).toMatch(/^app\.models\.m\.fields\.f\.values: /)
    expect(problems(field({ type: 'option', values: ['a', 'a'] }))).toEqual([
      'app.models.m.fields.f.values: expected distinct option values',
    ])
    expect(problems(field({ type: 'basic-values-list', itemType: 'geo' }))).toEqual([
      'app.models.m.fields.f.itemType: expected itemType to be one of: ' +
        'text, integer, decimal, boolean, date-time, object-id',
    ])
    expect(problems(field({ type: 'reference' }))[0]).toMatch(/fields\.f\.model: /)
  })

  it('refuse fuzzy search on a sub-model field', () => {
    const models = {
      m: {
        fields: { s: { type: 'object', fields: { t: { type: 'text', fuzzySearchable: true } } } },
      },
    }
    expect(problems(models)).toEqual([
      'app.models.m.fields.s.fields.t.fuzzySearchable: ' +
        'fuzzy search applies to fields of top-level models only, not of sub-models',
    ])
  })

  it('refuse unknown reference targets, with a hint', () => {
    expect(
      problems({ ...BLOG, x: { fields: { r: { type: 'reference', model: 'Users' } } } }),
    ).toEqual([
      "app.models.x.fields.r.model: references unknown model 'Users' (did you mean 'users'?)",
    ])
    expect(problems(field({ type: 'reference', model: 'm.nothing' }))).toEqual([
      "app.models.m.fields.f.model: references unknown model 'm.nothing' (known models: m)",
    ])
  })

  it('refuse reserved and invalid names', () => {
    const name = (fieldName: string) =>
      problems({ m: { fields: { [fieldName]: { type: 'text' } } } })
    expect(name('_id')).toEqual([
      "app.models.m.fields._id: '_id' is a system field, managed by Basalt " +
        '(_id, _parent, createdAt, updatedAt): choose another name',
    ])
    expect(name('createdAt')[0]).toContain("'createdAt' is a system field")
    expect(name('_secret')).toEqual([
      "app.models.m.fields._secret: '_secret' is not a valid field name: " +
        "names starting with '_' are reserved for system fields",
    ])
    expect(name('my-field')[0]).toContain(
      "'my-field' is not a valid field name: use letters, digits and _, starting with a letter",
    )
    expect(name('a'.repeat(41))[0]).toContain('is too long for a field name (at most 40')
    expect(name('a__b')[0]).toContain("'__' is kept for sub-model table names")
    expect(problems({ '1posts': { fields: {} } })[0]).toContain(
      "app.models.1posts: '1posts' is not a valid model name",
    )
  })

  it('refuse model names that differ only in case', () => {
    expect(problems({ posts: { fields: {} }, Posts: { fields: {} } })).toEqual([
      "app.models.Posts: model 'Posts' has the same name as 'posts' (names ignore case)",
    ])
  })

  it('refuse invalid patterns, inverted ranges and unknown model keys', () => {
    expect(problems(field({ type: 'text', pattern: '[a-' }))[0]).toMatch(
      /^app\.models\.m\.fields\.f\.pattern: expected a valid regular expression: /,
    )
    expect(problems(field({ type: 'integer', min: 5, max: 1 }))).toEqual([
      'app.models.m.fields.f.min: min (5) is above max (1)',
    ])
    expect(problems({ m: { timestamp: false, fields: {} } })[0]).toContain('timestamp')
    expect(problems({ m: { searchLanguage: "english'; --", fields: {} } })[0]).toContain(
      'expected a text search configuration name',
    )
    expect(problems({ m: { access: { read: '' }, fields: {} } })).toEqual([
      'app.models.m.access.read: expected an expression (a non-empty string)',
    ])
  })
})

describe('resolveModels', () => {
  const catalog = catalogOf(BLOG)
  const posts = catalog.models.get('posts')!
  const f = (name: string) => posts.fields.get(name)!

  it('lists models and sub-models by dot path, parents first', () => {
    expect([...catalog.models.keys()]).toEqual([
      'users',
      'posts',
      'posts.seo',
      'posts.comments',
      'posts.comments.likes',
    ])
    const likes = catalog.models.get('posts.comments.likes')!
    expect(likes).toMatchObject({ table: 'posts__comments__likes', kind: 'object-list' })
    expect(likes.parent).toBe(catalog.models.get('posts.comments'))
    expect(likes.parentField).toBe('likes')
    expect(likes.access).toBe(posts.access)
    expect(likes.searchLanguage).toBe('simple')
    expect(f('comments').subModel).toBe(catalog.models.get('posts.comments'))
  })

  it('fills defaults and keeps declared properties', () => {
    expect(posts).toMatchObject({ kind: 'top', timestamps: true, table: 'posts' })
    expect(posts.access).toEqual({
      read: 'true',
      create: undefined,
      update: 'this.author == session.userId',
      delete: undefined,
    })
    expect(catalog.models.get('users')!.searchLanguage).toBe('english')
    expect(catalog.models.get('posts.seo')!.timestamps).toBe(false)
    expect(catalog.models.get('posts.comments')!.timestamps).toBe(true)
    expect(f('title')).toMatchObject({
      required: true,
      searchable: true,
      fuzzySearchable: true,
      unique: false,
      readOnly: false,
      rules: [],
    })
    expect(f('views').rules).toEqual([
      { name: 'r', rule: 'true', message: "'no'", continueOnFailure: false },
    ])
    expect(f('number').readOnly).toBe(true)
    expect(f('author').reference).toBe('users')
    expect(f('status')).toMatchObject({ values: ['draft', 'published'], defaultValue: "'draft'" })
  })

  it('gives each type its value type and SQL type', () => {
    const types = Object.fromEntries(
      [...posts.fields.values()].map((x) => [x.name, [x.valueType, x.sqlType, x.itemType]]),
    )
    expect(types).toEqual({
      title: ['text', 'text', undefined],
      body: ['text', 'text', undefined],
      slug: ['text', 'text', undefined],
      status: ['text', 'text', undefined],
      labels: ['list', 'text[]', 'text'],
      tags: ['list', 'text[]', 'text'],
      scores: ['list', 'double precision[]', 'decimal'],
      views: ['number', 'bigint', undefined],
      rating: ['number', 'double precision', undefined],
      published: ['boolean', 'boolean', undefined],
      publishedAt: ['date', 'timestamptz', undefined],
      external: ['id', 'text', undefined],
      author: ['id', 'text', undefined],
      where: ['geo', 'double precision[]', undefined],
      meta: ['object', 'jsonb', undefined],
      secret: ['text', 'text', undefined],
      number: ['number', 'bigint GENERATED BY DEFAULT AS IDENTITY', undefined],
      seo: ['object', undefined, undefined],
      comments: ['list', undefined, undefined],
    })
    expect(f('seo').column).toBeUndefined()
    expect(f('title').column).toBe('title')
  })

  it('freezes what it resolves', () => {
    expect(Object.isFrozen(catalog)).toBe(true)
    expect(Object.isFrozen(posts)).toBe(true)
    expect(Object.isFrozen(f('title'))).toBe(true)
    expect(Object.isFrozen(f('views').rules[0])).toBe(true)
    expect(Object.isFrozen(posts.access)).toBe(true)
  })

  it('shortens table names past 63 bytes with a stable hash', () => {
    const long = 'a'.repeat(40)
    const sub = { [long]: { fields: { [long]: { type: 'object', fields: {} } } } }
    const table = catalogOf(sub).models.get(`${long}.${long}`)!.table
    expect(Buffer.byteLength(table)).toBe(63)
    expect(table).toMatch(/^a{40}__a{12}_[0-9a-f]{8}$/)
    expect(catalogOf(sub).models.get(`${long}.${long}`)!.table).toBe(table)
  })

  it('resolves an app without models to an empty catalog', () => {
    expect(catalogOf(undefined).models.size).toBe(0)
  })
})

describe('searchVector', () => {
  it('joins the searchable fields in declaration order with the model language', () => {
    const posts = catalogOf(BLOG).models.get('posts')!
    expect(searchVector(posts)).toBe(
      `to_tsvector('simple'::regconfig, coalesce("title", '') || ' ' || coalesce("body", ''))`,
    )
    expect(searchVector(posts, 't')).toContain(`coalesce("t"."title", '')`)
    expect(searchVector(catalogOf(BLOG).models.get('users')!)).toBeUndefined()
  })
})

describe('planning without a database', () => {
  const empty: SchemaState = {
    schemaExists: true,
    tables: new Map(),
    indexes: new Map(),
    trigramSchema: undefined,
    searchConfigs: new Set(['english', 'simple']),
  }

  it('names pg_trgm when fuzzy search needs it and the database lacks it', () => {
    const plan = () => computePlan(empty, catalogOf(BLOG))
    expect(plan).toThrow(SchemaChangeError)
    expect(plan).toThrow(
      /posts\.title is fuzzySearchable, which needs the PostgreSQL extension pg_trgm/,
    )
  })

  it('names an unknown search language', () => {
    const models = {
      m: { searchLanguage: 'klingon', fields: { t: { type: 'text', searchable: true } } },
    }
    expect(() => computePlan(empty, catalogOf(models))).toThrow(
      "m: searchLanguage 'klingon' is not a text search configuration of this PostgreSQL " +
        '(it has: english, simple)',
    )
  })

  it('orders a fresh plan: schema, parent tables before sub-model tables, then indexes', () => {
    const plan = computePlan(
      { ...empty, schemaExists: false, trigramSchema: 'public' },
      catalogOf(BLOG),
    )
    const descriptions = plan.steps.map((step) => step.description)
    expect(descriptions.slice(0, 6)).toEqual([
      'create schema app',
      'create table users',
      'create table posts',
      'create table posts__seo for posts.seo',
      'create table posts__comments for posts.comments',
      'create table posts__comments__likes for posts.comments.likes',
    ])
    expect(descriptions).toContain('add unique index posts_slug_key on posts (slug)')
    expect(descriptions).toContain('add full-text index posts_search_idx on posts (title, body)')
    expect(descriptions).toContain('add trigram index posts_title_trgm_idx on posts (title)')
    expect(descriptions).toContain('add index posts_author_idx on posts (author)')
    expect(descriptions).toContain(
      'add unique index posts__seo__parent_key on posts__seo (_parent)',
    )
    expect(plan.steps.every((step) => !step.dataLoss)).toBe(true)
  })

  it('tells the cost of each type change', () => {
    expect(typeChange('"c"', 'bigint', 'double precision')).toEqual({
      using: '"c"::double precision',
      dataLoss: false,
    })
    expect(typeChange('"c"', 'bigint', 'text').dataLoss).toBe(false)
    expect(typeChange('"c"', 'text', 'text[]')).toEqual({
      using: 'CASE WHEN "c" IS NULL THEN NULL ELSE ARRAY["c"] END',
      dataLoss: false,
    })
    expect(typeChange('"c"', 'text', 'bigint').dataLoss).toBe(true)
    expect(typeChange('"c"', 'text[]', 'text').using).toBe('"c"[1]')
    expect(typeChange('"c"', 'jsonb', 'boolean')).toEqual({
      using: 'NULL::boolean',
      dataLoss: true,
    })
  })
})
