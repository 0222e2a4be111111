import { describe, expect, it } from 'vitest'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { compileJson, compileSort, compileValue } from '../src/core/db/expressions/sql/compile.js'
import { rowJson } from '../src/core/db/expressions/sql/row-json.js'
import { SqlParams } from '../src/core/db/expressions/sql/sql-types.js'
import type { SqlScope } from '../src/core/db/expressions/sql/sql-types.js'
import type { ModelCatalog, ResolvedModel } from '../src/core/db/model-types.js'
import { pgTargets } from '../../../test-support/databases.js'
import {
  CATALOG,
  P1,
  PRODUCTS,
  PRODUCT_OBJECTS,
  USERS,
  USER_OBJECTS,
  useFixture,
} from './expression-sql-fixture.js'

const SCOPE: SqlScope = { catalog: CATALOG, model: PRODUCTS, alias: 't', purpose: 'compute' }

/** Dates as ISO text, recursively: the JSON clients get. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value))
}

/** A top-level model of many text fields (rowJson must pass jsonb_build_object's limit). */
function wideModel(count: number): ResolvedModel {
  const template = PRODUCTS.fields.get('title')!
  const fields = Array.from({ length: count }, (_, i) => {
    const name = `f${i}`
    return [name, { ...template, name, column: name }] as const
  })
  return { ...PRODUCTS, name: 'wide', table: 'wide', timestamps: true, fields: new Map(fields) }
}

describe.each(pgTargets())('rows and values as clients see them on $name PostgreSQL', (target) => {
  const db = useFixture(target)

  it('builds each row of a model as JSON, sub-objects nested (encrypted text as stored)', async () => {
    const products = await db.client.query(
      `SELECT ${rowJson(PRODUCTS, 't', CATALOG)} AS row FROM app."products" AS t ORDER BY t."_id"`,
    )
    const expected = PRODUCT_OBJECTS.map(asJson)
    expect(products.rows.map((r: { row: unknown }) => r.row)).toEqual(expected)
    const users = await db.client.query(
      `SELECT ${rowJson(USERS, 'u', CATALOG)} AS row FROM app."users" AS u ORDER BY u."_id"`,
    )
    expect(users.rows.map((r: { row: unknown }) => r.row)).toEqual(USER_OBJECTS)
  })

  it('builds rows of more fields than one jsonb_build_object call takes', async () => {
    const wide = wideModel(130)
    const catalog: ModelCatalog = { models: new Map([['wide', wide]]) }
    const columns = [...wide.fields.keys()].map((c) => `"${c}" text`).join(', ')
    await db.client.query(
      `CREATE TABLE app."wide" ("_id" text PRIMARY KEY, ${columns}, "createdAt" timestamptz NOT NULL, "updatedAt" timestamptz NOT NULL)`,
    )
    await db.client.query(
      `INSERT INTO app."wide" ("_id", "f0", "f129", "createdAt", "updatedAt") VALUES ('w', 'first', 'last', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00.5Z')`,
    )
    const sql = rowJson(wide, 'w', catalog)
    expect(sql).toContain(' || ')
    const { rows } = await db.client.query(`SELECT ${sql} AS row FROM app."wide" AS w`)
    const row = rows[0].row as Record<string, unknown>
    expect(Object.keys(row)).toHaveLength(133)
    expect(row).toMatchObject({
      _id: 'w',
      f0: 'first',
      f1: null,
      f129: 'last',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-02T00:00:00.500Z',
    })
    const params = new SqlParams()
    const f129 = compileValue(
      parseExpression('f129 + "!"'),
      { ...SCOPE, catalog, model: wide, alias: 'w' },
      params,
    )
    const value = await db.client.query(
      `SELECT ${f129.sql} AS v FROM app."wide" AS w`,
      params.values,
    )
    expect(value.rows[0].v).toBe('last!')
  })

  it.each([
    ['qty', 12],
    ['price', 19.99],
    ['releasedAt', '2024-02-29T13:45:30.250Z'],
    ["DATEADD(releasedAt, 1, 'year')", '2025-02-28T13:45:30.250Z'],
    ['dates', ['2020-01-01T00:00:00.000Z', '2021-06-15T12:30:00.000Z']],
    ['scores', [3, 1, 2]],
    ['MAP(reviews, postedAt)', ['2024-03-01T10:00:00.000Z', '2024-01-15T08:00:00.000Z', null]],
    ['FIRST(reviews)', asJson(PRODUCT_OBJECTS[0]!.reviews)[0]],
    [
      'dims.inner',
      { _id: '000000000000000000000201', _parent: '000000000000000000000101', depth: 1.5 },
    ],
    ['meta.d', { e: true }],
    ['location', [29.03, 41.22]],
    ['null', null],
    ['active', true],
    ["[1, 'a', releasedAt]", [1, 'a', '2024-02-29T13:45:30.250Z']],
  ])('compileJson(%s) is the JSON clients see', async (source, expected) => {
    const params = new SqlParams(1)
    const compiled = compileJson(parseExpression(source), SCOPE, params)
    const { rows } = await db.client.query(
      `SELECT ${compiled.sql} AS v FROM app."products" AS t WHERE t."_id" = $1`,
      [P1, ...params.values],
    )
    expect(rows[0].v).toEqual(expected)
  })

  it('sorts by code point, and lists and objects as JSON', async () => {
    for (const source of [
      'title',
      'LOWER(title)',
      'dims',
      'tags',
      'releasedAt',
      'qty',
      'null',
      'true',
      '1',
      "'a'",
    ]) {
      const params = new SqlParams()
      const key = compileSort(parseExpression(source), SCOPE, params)
      const { rows } = await db.client.query(
        `SELECT t."_id" FROM app."products" AS t ORDER BY ${key}, t."_id"`,
        params.values,
      )
      expect(rows).toHaveLength(2)
    }
    expect(compileSort(parseExpression('title'), SCOPE, new SqlParams())).toBe(
      '("t"."title") COLLATE "C"',
    )
    const { rows } = await db.client.query(
      `SELECT v FROM unnest(ARRAY['b', 'B', 'a', 'é', 'Z']) AS v ORDER BY v COLLATE "C"`,
    )
    expect(rows.map((r: { v: string }) => r.v)).toEqual(['B', 'Z', 'a', 'b', 'é'])
  })

  it('reports the static type of each compiled value', () => {
    const type = (source: string) =>
      compileValue(parseExpression(source), SCOPE, new SqlParams()).type
    expect(type('qty + 1')).toBe('number')
    expect(type('title')).toBe('text')
    expect(type('_id')).toBe('id')
    expect(type('releasedAt + 1')).toBe('date')
    expect(type('tags')).toBe('list')
    expect(type('dims')).toBe('object')
    expect(type('meta.a')).toBe('unknown')
    expect(type('location')).toBe('geo')
    expect(type('qty > 1')).toBe('boolean')
  })

  it('binds parameters after an offset, and each literal list as one array', async () => {
    const params = new SqlParams(3)
    const compiled = compileValue(
      parseExpression("IN(['a', 'b', 'c'], title) || qty > 2"),
      SCOPE,
      params,
    )
    expect(params.values).toEqual([['a', 'b', 'c'], 2])
    expect(compiled.sql).toContain('$4::text[]')
    expect(compiled.sql).toContain('$5::bigint')
  })

  it('reads NOW() from the database clock without scope.now, to the millisecond', async () => {
    const before = Date.now()
    const now = (await db.value('NOW()')) as Date
    expect(now.getTime() % 1).toBe(0)
    expect(Math.abs(now.getTime() - before)).toBeLessThan(60_000)
    const today = (await db.value('TODAY()')) as Date
    expect(today.toISOString()).toMatch(/T00:00:00\.000Z$/)
    const fixed = new Date('2030-01-02T03:04:05.678Z')
    expect(await db.value('NOW()', { scope: { now: fixed } })).toEqual(fixed)
    expect(await db.value('TODAY()', { scope: { now: fixed } })).toEqual(
      new Date('2030-01-02T00:00:00.000Z'),
    )
  })

  it('orders text by code point, and guards every runtime error', async () => {
    expect(await db.filter("title > 'V'")).toEqual([P1])
    expect(await db.filter("title > 'w'")).toEqual([])
    expect(await db.value("'a' < 'B'")).toBe(false)
    expect(await db.value('qty / (qty - 12)')).toBeNull()
    expect(await db.value('SQRT(-qty)')).toBeNull()
    expect(await db.value('LN(qty - 12)')).toBeNull()
    expect(await db.value('POW(price, 1000)')).toBeNull()
    expect(await db.value("TONUMBER('9' + REPEAT('9', 400))")).toBeNull()
    expect(await db.value("TODATE('2024-13-45')")).toBeNull()
    expect(await db.value("DATEVALUE(title + '2024')")).toBeNull()
    expect(await db.value('DATEADD(releasedAt, 1e300, "year")')).toBeNull()
    expect(await db.value('DATEFROMMILLIS(-1e20)')).toBeNull()
    expect(await db.value('AT(scores, 1e300)')).toBeNull()
    expect(await db.value('LEFT(title, 1e300)')).toBe('Widget Ünïcode ☃')
    expect(await db.value('REPEAT(title, 1e300)')).toBeNull()
    expect(await db.value('ASIN(qty)')).toBeNull()
    expect(await db.value('qty * 1e308')).toBeNull()
    expect(await db.value('1e-300 / 1e300')).toBe(0)
    expect(await db.value('DATE(1e300, 1, 1)')).toBeNull()
    expect(await db.value("REGEXMATCH(title, 'a{1000}')")).toBeNull()
    expect(await db.value("REGEXMATCH(title, '((a{100}){100}){100}')")).toBeNull()
  })
})
