import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ConfigError, SchemaChangeError } from '@basalt/server'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dbMigrateCommand } from '../src/commands/db-migrate.js'
import { dbPlanCommand } from '../src/commands/db-plan.js'
import { errorLines } from '../src/errors.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'
import { assertBuilt, makeTempDir, runCli } from './helpers/cli-process.js'

// A plain object (no defineConfig import): the loader then needs no build of the server.
const V1 = `export default {
  name: 'blog',
  models: {
    posts: {
      fields: {
        title: { type: 'text', required: true, searchable: true },
        body: { type: 'rich-text' },
        comments: { type: 'object-list', fields: { text: { type: 'text' } } },
      },
    },
  },
}
`
// V1 without posts.body: a change that loses data.
const V2 = V1.replace("        body: { type: 'rich-text' },\n", '')
const BAD = V1.replace("type: 'rich-text'", "type: 'integer', minLength: 3")

/** Runs a command in-process and answers what it printed on stdout. */
async function printed(command: () => Promise<void>): Promise<string> {
  let out = ''
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk)
    return true
  })
  try {
    await command()
    return out
  } finally {
    spy.mockRestore()
  }
}

async function tableNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const result = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'app' ORDER BY table_name`,
    )
    return result.rows.map((row) => row.name)
  } finally {
    await client.end()
  }
}

let root: string
const apps: Record<string, string> = {}

beforeAll(async () => {
  root = await makeTempDir('basalt-db-')
  // One folder per config version: the config loader caches a file it has loaded.
  for (const [name, text] of Object.entries({ v1: V1, v2: V2, bad: BAD })) {
    apps[name] = join(root, name)
    await mkdir(apps[name]!)
    await writeFile(join(apps[name]!, 'basalt.config.ts'), text)
  }
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe.each(pgTargets())('basalt db on $name PostgreSQL', (target) => {
  let testDb: TestDatabase
  const flags = (app: string) => ({ dir: apps[app], databaseUrl: testDb.url })

  beforeAll(async () => {
    testDb = await createTestDatabase(target)
  })
  afterAll(async () => {
    await testDb.drop()
  })

  it('db plan prints the changes and makes none', async () => {
    const out = await printed(() => dbPlanCommand(flags('v1')))
    expect(out).toBe(
      [
        '4 changes to make:',
        '  + create table posts',
        '  + create table posts__comments for posts.comments',
        '  + add full-text index posts_search_idx on posts (title)',
        '  + add index posts__comments__parent_idx on posts__comments (_parent, _pos)',
        '',
      ].join('\n'),
    )
    expect(await tableNames(testDb.url)).toEqual([])
    const withSql = await printed(() => dbPlanCommand({ ...flags('v1'), sql: true }))
    expect(withSql).toContain('  + create table posts\n')
    expect(withSql).toContain('+ create table posts\n    CREATE TABLE "app"."posts" (\n')
  })

  it('db migrate applies them, then has nothing left to do', async () => {
    const out = await printed(() => dbMigrateCommand(flags('v1')))
    expect(out).toContain('schema change: create table posts\n')
    expect(out).toMatch(/\nApplied 4 changes\.\n$/)
    expect(await tableNames(testDb.url)).toEqual(['posts', 'posts__comments'])
    expect(await printed(() => dbMigrateCommand(flags('v1')))).toBe(
      'The database matches the models: nothing to change.\n',
    )
    expect(await printed(() => dbPlanCommand(flags('v1')))).toBe(
      'The database matches the models: nothing to change.\n',
    )
  })

  it('db migrate refuses to lose data unless told --accept-data-loss', async () => {
    const plan = await printed(() => dbPlanCommand(flags('v2')))
    expect(plan).toBe(
      '1 change to make:\n' +
        '  ! drop column posts.body and its values\n' +
        '1 change marked ! loses data; `basalt db migrate --accept-data-loss` applies them.\n',
    )
    const refused = await printed(() => dbMigrateCommand(flags('v2'))).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(SchemaChangeError)
    expect(errorLines(refused)).toEqual([
      'basalt: the models need 1 change that loses data, not applied:\n' +
        '  ! drop column posts.body and its values\n' +
        'Back up the data you need, then apply them with `basalt db migrate --accept-data-loss`.',
    ])
    const out = await printed(() => dbMigrateCommand({ ...flags('v2'), acceptDataLoss: true }))
    expect(out).toBe('schema change: drop column posts.body and its values\nApplied 1 change.\n')
  })

  it('names a bad model declaration by its place in basalt.config.ts', async () => {
    const failed = await printed(() => dbPlanCommand(flags('bad'))).catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(ConfigError)
    expect((failed as ConfigError).problems).toEqual([
      "basalt.config.ts: models.posts.fields.body: 'minLength' does not apply to integer fields " +
        '(only to text, rich-text, email, link, phone, encrypted-text); an integer field takes: ' +
        'type, required, readOnly, rules, defaultValue, unique, indexed, min, max',
    ])
  })
})

describe('basalt db (the built CLI)', () => {
  let testDb: TestDatabase

  beforeAll(async () => {
    assertBuilt()
    testDb = await createTestDatabase(pgTargets()[0]!)
  })
  afterAll(async () => {
    await testDb.drop()
  })

  it('registers `db migrate`, which exits 1 with the refused changes', async () => {
    await printed(() => dbMigrateCommand({ dir: apps.v1, databaseUrl: testDb.url }))
    const refused = await runCli(['db', 'migrate', '--database-url', testDb.url], apps.v2!)
    expect(refused).toMatchObject({ code: 1, stdout: '' })
    expect(refused.stderr).toBe(
      'basalt: the models need 1 change that loses data, not applied:\n' +
        '  ! drop column posts.body and its values\n' +
        'Back up the data you need, then apply them with `basalt db migrate --accept-data-loss`.\n',
    )
  })
})
