import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/adapters/database/database.js'
import { migrate } from '../src/adapters/database/migrate.js'
import { PostgresDatabase } from '../src/adapters/database/postgres/postgres-database.js'
import { appConfigSchema } from '../src/config/app-config.js'
import type { ModelsConfig } from '../src/config/model-config.js'
import type { ModelCatalog } from '../src/core/db/model-types.js'
import { planSchema } from '../src/core/db/schema/plan-schema.js'
import { resolveModels } from '../src/core/db/schema/resolve-models.js'
import { SchemaChangeError } from '../src/core/db/schema/schema-plan.js'
import { searchVector } from '../src/core/db/schema/search-vector.js'
import { syncSchema } from '../src/core/db/schema/sync-schema.js'
import { SYSTEM_MIGRATIONS, SYSTEM_SCHEMA } from '../src/core/system-migrations.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'

const catalogOf = (models: ModelsConfig): ModelCatalog =>
  resolveModels(appConfigSchema.parse({ models }))

const BLOG: ModelsConfig = {
  users: { fields: { name: { type: 'text' }, email: { type: 'email', unique: true } } },
  posts: {
    fields: {
      title: { type: 'text', searchable: true, fuzzySearchable: true },
      body: { type: 'rich-text', searchable: true },
      views: { type: 'text' },
      author: { type: 'reference', model: 'users' },
      tags: { type: 'basic-values-list', itemType: 'text', indexed: true },
      number: { type: 'auto-increment' },
      seo: { type: 'object', fields: { description: { type: 'text' } } },
      comments: { type: 'object-list', fields: { text: { type: 'text' } } },
    },
  },
  drafts: { timestamps: false, fields: { note: { type: 'text' } } },
}

/** BLOG with changes: `edit` works on a deep copy. */
function blogWith(edit: (models: ModelsConfig) => void): ModelsConfig {
  const models = structuredClone(BLOG)
  edit(models)
  return models
}

const id = () => Math.random().toString(16).slice(2, 14).padEnd(24, '0')

describe.each(pgTargets())('schema sync on $name PostgreSQL', (target) => {
  let testDb: TestDatabase
  let db: Database
  const sync = (models: ModelsConfig, acceptDataLoss = false) =>
    syncSchema(db, catalogOf(models), { acceptDataLoss })

  const columns = async (table: string) => {
    const rows = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'app' AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    )
    return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]))
  }
  const indexes = async () => {
    const rows = await db.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'app' ORDER BY indexname`,
    )
    return rows.map((row) => row.indexname)
  }
  const explain = (sql: string) =>
    db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off')
      const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`)
      return rows.map((row) => row['QUERY PLAN']).join('\n')
    })

  beforeAll(async () => {
    testDb = await createTestDatabase(target)
    db = new PostgresDatabase({ connectionString: testDb.url })
    await migrate(db, SYSTEM_SCHEMA, SYSTEM_MIGRATIONS)
  })
  afterAll(async () => {
    await db.close()
    await testDb.drop()
  })

  it('creates every table, column and index from an empty schema, and records each step', async () => {
    const lines: string[] = []
    const report = await syncSchema(db, catalogOf(BLOG), {
      acceptDataLoss: false,
      log: (line) => lines.push(line),
    })
    expect(report.applied).toEqual(report.plan.steps)
    expect(lines).toContain('schema change: create table posts__comments for posts.comments')
    expect(await columns('posts')).toEqual({
      _id: 'text',
      title: 'text',
      body: 'text',
      views: 'text',
      author: 'text',
      tags: 'ARRAY',
      number: 'bigint',
      createdAt: 'timestamp with time zone',
      updatedAt: 'timestamp with time zone',
    })
    expect(await columns('posts__comments')).toEqual({
      _id: 'text',
      _parent: 'text',
      _pos: 'integer',
      text: 'text',
      createdAt: 'timestamp with time zone',
      updatedAt: 'timestamp with time zone',
    })
    expect(await columns('drafts')).toEqual({ _id: 'text', note: 'text' })
    expect(await indexes()).toEqual([
      'drafts_pkey',
      'posts__comments__parent_idx',
      'posts__comments_pkey',
      'posts__seo__parent_key',
      'posts__seo_pkey',
      'posts_author_idx',
      'posts_pkey',
      'posts_search_idx',
      'posts_tags_idx',
      'posts_title_trgm_idx',
      'users_email_key',
      'users_pkey',
    ])
    const recorded = await db.query<{ description: string; data_loss: boolean }>(
      'SELECT description, data_loss FROM basalt.schema_changes ORDER BY id',
    )
    expect(recorded.map((row) => row.description)).toEqual(
      report.applied.map((step) => step.description),
    )
  })

  it('has nothing to do the second time (idempotent)', async () => {
    expect((await planSchema(db, catalogOf(BLOG))).steps).toEqual([])
    expect((await sync(BLOG)).applied).toEqual([])
  })

  it('keeps sub-model rows under their parent and deletes them with it', async () => {
    const post = id()
    await db.query(`INSERT INTO app.posts ("_id", title) VALUES ($1, 'hello world')`, [post])
    await db.query(`INSERT INTO app.posts__comments ("_id", "_parent") VALUES ($1, $2), ($3, $2)`, [
      id(),
      post,
      id(),
    ])
    await db.query(`INSERT INTO app.posts__seo ("_id", "_parent") VALUES ($1, $2)`, [id(), post])
    await expect(
      db.query(`INSERT INTO app.posts__seo ("_id", "_parent") VALUES ($1, $2)`, [id(), post]),
    ).rejects.toThrow(/posts__seo__parent_key/)
    const [row] = await db.query<{ number: string; createdAt: Date }>(
      'SELECT number, "createdAt" FROM app.posts',
    )
    expect(row).toMatchObject({ number: '1', createdAt: expect.any(Date) })
    await db.query('DELETE FROM app.posts WHERE "_id" = $1', [post])
    expect(await db.query('SELECT 1 FROM app.posts__comments')).toEqual([])
  })

  it('builds the full-text and trigram indexes that queries use', async () => {
    const posts = catalogOf(BLOG).models.get('posts')!
    const search = await explain(
      `SELECT "_id" FROM app.posts t WHERE ${searchVector(posts, 't')} @@ ` +
        `websearch_to_tsquery('english', 'hello')`,
    )
    expect(search).toContain('posts_search_idx')
    expect(await explain(`SELECT "_id" FROM app.posts t WHERE t.title % 'helo'`)).toContain(
      'posts_title_trgm_idx',
    )
  })

  it('applies additive changes on its own', async () => {
    const models = blogWith((m) => {
      m.posts!.fields.subtitle = { type: 'text', indexed: true }
      m.posts!.fields.title = { type: 'text', searchable: true } // no longer fuzzy
      m.users!.fields.age = { type: 'integer' }
      m.events = { fields: { at: { type: 'date-time' } } }
    })
    const plan = await planSchema(db, catalogOf(models))
    expect(plan.steps.map((step) => [step.description, step.dataLoss])).toEqual([
      ['drop index posts_title_trgm_idx on posts', false],
      ['add column users.age bigint', false],
      ['add column posts.subtitle text', false],
      ['create table events', false],
      ['add index posts_subtitle_idx on posts (subtitle)', false],
    ])
    expect((await sync(models)).applied).toHaveLength(5)
    expect((await planSchema(db, catalogOf(models))).steps).toEqual([])
  })

  it('refuses changes that lose data until they are accepted', async () => {
    await db.query(`INSERT INTO app.posts ("_id", views) VALUES ($1, '12'), ($2, 'many')`, [
      id(),
      id(),
    ])
    await db.query(`INSERT INTO app.drafts ("_id", note) VALUES ($1, 'keep me?')`, [id()])
    const models = blogWith((m) => {
      delete m.drafts
      m.posts!.fields.views = { type: 'integer' }
      m.posts!.fields.score = { type: 'decimal' }
      m.users!.fields.age = { type: 'integer' }
      m.events = { fields: { at: { type: 'date-time' } } }
    })
    const refused = await sync(models).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(SchemaChangeError)
    expect((refused as SchemaChangeError).message).toBe(
      [
        'the models need 3 changes that lose data, not applied (3 other changes applied):',
        '  ! change column posts.views from text to bigint (values that do not convert are lost)',
        '  ! drop column posts.subtitle and its values',
        '  ! drop table drafts and all its rows',
        'Back up the data you need, then apply them with `basalt db migrate --accept-data-loss`.',
      ].join('\n'),
    )
    expect(await columns('posts')).toMatchObject({ views: 'text', score: 'double precision' })
    expect(await columns('drafts')).toEqual({ _id: 'text', note: 'text' })

    expect((await sync(models, true)).applied).toHaveLength(3)
    const views = await db.query<{ views: string | null }>(
      'SELECT views FROM app.posts WHERE views IS NOT NULL OR title IS NULL ORDER BY views',
    )
    expect(views).toEqual([{ views: '12' }, { views: null }])
    expect(await columns('drafts')).toEqual({})
    expect((await planSchema(db, catalogOf(models))).steps).toEqual([])
  })

  it('makes a field unique, or says which duplicates stand in the way', async () => {
    await db.query('DELETE FROM app.users')
    await db.query(`INSERT INTO app.users ("_id", name) VALUES ($1, 'ann'), ($2, 'ann')`, [
      id(),
      id(),
    ])
    const models = blogWith((m) => {
      delete m.drafts
      m.users!.fields.name = { type: 'text', unique: true }
    })
    const failed = await sync(models, true).catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(SchemaChangeError)
    expect((failed as Error).message).toBe(
      'cannot add unique index users_name_key on users (name): existing rows hold duplicate ' +
        'values (Key (name)=(ann) is duplicated.); remove the duplicates or the unique property. ' +
        'No schema change was applied.',
    )
    expect(await indexes()).not.toContain('users_name_key')
    expect(await columns('posts')).toHaveProperty('views', 'bigint') // rolled back, not undone

    await db.query(`DELETE FROM app.users WHERE ctid <> (SELECT min(ctid) FROM app.users)`)
    await sync(models, true)
    await expect(
      db.query(`INSERT INTO app.users ("_id", name) VALUES ($1, 'ann')`, [id()]),
    ).rejects.toThrow(/users_name_key/)
  })

  it('turns a number field into an auto-increment that continues after the highest value', async () => {
    const counters = (type: 'integer' | 'auto-increment'): ModelsConfig => ({
      counters: { fields: { n: { type } } },
    })
    await sync(counters('integer'), true)
    await db.query(`INSERT INTO app.counters ("_id", n) VALUES ($1, 5), ($2, 9)`, [id(), id()])
    const plan = await planSchema(db, catalogOf(counters('auto-increment')))
    expect(plan.steps.map((step) => step.description)).toEqual(['make counters.n auto-increment'])
    await sync(counters('auto-increment'))
    const [row] = await db.query<{ n: string }>(
      `INSERT INTO app.counters ("_id") VALUES ($1) RETURNING n`,
      [id()],
    )
    expect(row!.n).toBe('10')
    expect((await planSchema(db, catalogOf(counters('auto-increment')))).steps).toEqual([])
    await sync(counters('integer'))
    expect((await planSchema(db, catalogOf(counters('integer')))).steps).toEqual([])
  })

  it('lets two processes sync together: each change is made once', async () => {
    const other = new PostgresDatabase({ connectionString: testDb.url })
    try {
      const catalog = catalogOf(BLOG)
      const reports = await Promise.all([
        syncSchema(db, catalog, { acceptDataLoss: true }),
        syncSchema(other, catalog, { acceptDataLoss: true }),
      ])
      const counts = reports.map((report) => report.applied.length).sort()
      expect(counts[0]).toBe(0)
      expect(counts[1]).toBeGreaterThan(3)
      expect((await planSchema(db, catalog)).steps).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('keeps long and clashing names stable', async () => {
    const long = 'a'.repeat(40)
    const models: ModelsConfig = {
      [long]: {
        fields: {
          [long]: { type: 'object-list', fields: { [long]: { type: 'text', indexed: true } } },
        },
      },
      a: { fields: { b_c: { type: 'text', indexed: true } } },
      a_b: { fields: { c: { type: 'text', indexed: true } } },
    }
    await sync(models, true)
    expect((await planSchema(db, catalogOf(models))).steps).toEqual([])
    const names = await indexes()
    expect(names.filter((name) => name.startsWith('a_b_c_idx_'))).toHaveLength(2)
    expect(names.every((name) => Buffer.byteLength(name) <= 63)).toBe(true)
  })
})
