import { describe, expect, it } from 'vitest'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import type { QueryLookup } from '../src/core/db/expressions/sql/sql-types.js'
import { pgTargets } from '../../../test-support/databases.js'
import { P1, P2, USERS, useFixture } from './expression-sql-fixture.js'

const ANN = '0000000000000000000000a1'

const LOOKUPS = new Map<string, QueryLookup>([
  ['owner', { kind: 'simple', name: 'owner', target: USERS }],
  [
    'reviewer',
    {
      kind: 'complex',
      name: 'reviewer',
      target: USERS,
      query: parseExpression('ANYITEMTRUE(this.reviews, author == lookup.name)'),
    },
  ],
  [
    'namesake',
    {
      kind: 'complex',
      name: 'namesake',
      target: USERS,
      query: parseExpression("lookup.name == 'Nobody' && this.qty > 0"),
    },
  ],
])

describe.each(pgTargets())('expression paths in SQL on $name PostgreSQL', (target) => {
  const db = useFixture(target)

  it.each([
    ['title', 'Widget Ünïcode ☃'],
    ['this.title', 'Widget Ünïcode ☃'],
    ['_id', P1],
    ['createdAt', new Date('2023-01-31T09:00:00.000Z')],
    ['qty', 12],
    ['serial', 7],
    ['dims.width', 2.5],
    ['this.dims.unit', 'cm'],
    ['dims._id', '000000000000000000000101'],
    ['dims._parent', P1],
    ['dims.inner.depth', 1.5],
    ['dims.inner._parent', '000000000000000000000101'],
    ['meta.d.e', true],
    ['meta.c', [1, 2, 3]],
    ['tags', ['news', 'sale', 'news', '']],
    ['scores', [3, 1, 2]],
    ['location', [29.03, 41.22]],
    ['reviews.rating', null],
    ['qty.x', null],
    ['_id.x', null],
    ['owner', ANN],
    ['owner.name', 'Ann'],
    ['this.owner.age', 31],
    ['owner._id', ANN],
    ['SIZE(reviews)', 3],
    ['SIZE(dims.inner)', null],
    [
      'MAP(reviews, _id)',
      ['000000000000000000000301', '000000000000000000000302', '000000000000000000000303'],
    ],
    ['MAP(reviews, _parent == this._id)', [true, true, true]],
    ['MAP(reviews, SIZE(replies))', [1, 0, 0]],
    ['MAP(reviews, title)', ['Widget Ünïcode ☃', 'Widget Ünïcode ☃', 'Widget Ünïcode ☃']],
    ["FILTER(tags, item != 'news')", ['sale', '']],
    ['MAP(FILTER(reviews, rating > 3), author)', ['Ann', 'Cy']],
    ['SIZE(FILTER(reviews, verified))', 1],
    ["ANYITEMTRUE(reviews, ANYITEMTRUE(replies, text == 'thanks' && rating == 5))", true],
    ['ANYITEMTRUE(meta.c, item == 2)', true],
    ['MAP(APPEND(meta.c, 4), item * 10)', [10, 20, 30, 40]],
    ["GET(FIRST(FILTER(reviews, author == 'Bob')), 'rating')", 2],
    ["GET(AT(reviews, -1), 'postedAt')", null],
  ])('%s', async (source, expected) => {
    expect(await db.value(source)).toEqual(expected)
  })

  it('builds nested objects and object-lists as clients see them', async () => {
    expect(await db.value('dims')).toEqual({
      _id: '000000000000000000000101',
      _parent: P1,
      width: 2.5,
      height: 4,
      unit: 'cm',
      inner: { _id: '000000000000000000000201', _parent: '000000000000000000000101', depth: 1.5 },
    })
    const reviews = (await db.value('reviews')) as Record<string, unknown>[]
    expect(reviews.map((r) => r.author)).toEqual(['Ann', 'Bob', 'Cy'])
    expect(reviews[0]!.postedAt).toBe('2024-03-01T10:00:00.000Z')
    expect(reviews[0]!.replies).toEqual([
      { _id: '000000000000000000000401', _parent: '000000000000000000000301', text: 'thanks' },
    ])
    expect(await db.value('dims', { id: P2 })).toBeNull()
    expect(await db.value('reviews', { id: P2 })).toEqual([])
    expect(await db.value('dims.width', { id: P2 })).toBeNull()
    expect(await db.value('SIZE(dims.inner)', { id: P2 })).toBeNull()
  })

  it('reads the session as a bound parameter', async () => {
    const scope = { session: { userId: ANN } }
    expect(await db.filter('owner == session.userId', { scope })).toEqual([P1])
    expect(
      await db.filter('owner == session.userId', { scope: { session: { userId: null } } }),
    ).toEqual([])
    expect(await db.filter('session.userId == null')).toEqual([P1, P2])
  })

  it('follows simple and complex lookups', async () => {
    const scope = { lookups: LOOKUPS }
    expect(await db.value('owner.name', { scope })).toBe('Ann')
    expect(await db.value('owner.name', { scope, id: P2 })).toBeNull()
    expect(await db.filter('EXISTS(owner)', { scope })).toEqual([P1])
    expect(await db.filter('!EXISTS(owner)', { scope })).toEqual([P2])
    expect(await db.value('reviewer.name', { scope })).toBe('Ann')
    expect(await db.value('this.reviewer.age', { scope })).toBe(31)
    expect(await db.value('reviewer', { scope })).toEqual({
      _id: ANN,
      name: 'Ann',
      email: 'ann@example.com',
      age: 31,
    })
    expect(await db.filter('EXISTS(reviewer)', { scope })).toEqual([P1])
    expect(await db.filter('!EXISTS(namesake)', { scope })).toEqual([P1, P2])
    expect(await db.value('namesake.name', { scope })).toBeNull()
  })

  it('answers null for a missing object, and unknown_field for a name the model lacks', async () => {
    await expect(db.value('agee')).rejects.toMatchObject({
      code: 'unknown_field',
      message: "unknown field 'agee' at column 1",
      details: { field: 'agee', position: 1 },
    })
    await expect(db.value('qty + dims.depht')).rejects.toMatchObject({
      code: 'unknown_field',
      details: { field: 'dims.depht', position: 7 },
    })
    await expect(db.value('lookup.name')).rejects.toMatchObject({ code: 'unknown_field' })
    await expect(db.value('reviewer.name')).rejects.toMatchObject({ code: 'unknown_field' })
    await expect(db.value('ANYITEMTRUE(reviews, ratingg > 1)')).rejects.toMatchObject({
      code: 'unknown_field',
      details: { field: 'ratingg', position: 22 },
    })
  })

  it('lets encrypted-text fields be tested for null only', async () => {
    expect(await db.filter('EXISTS(secret)')).toEqual([P1])
    expect(await db.filter('ISNULL(secret)')).toEqual([P2])
    await expect(db.value("secret == 'x'")).rejects.toMatchObject({ code: 'expression_type_error' })
    await expect(db.value('secret')).rejects.toMatchObject({ code: 'expression_type_error' })
  })

  it('writes the common filters so that PostgreSQL can use an index', async () => {
    const { compileCondition } = await import('../src/core/db/expressions/sql/compile.js')
    const { SqlParams } = await import('../src/core/db/expressions/sql/sql-types.js')
    const { CATALOG, PRODUCTS } = await import('./expression-sql-fixture.js')
    const scope = { catalog: CATALOG, model: PRODUCTS, alias: 't', purpose: 'filter' as const }
    await db.client.query('BEGIN')
    try {
      await db.client.query('CREATE INDEX products_qty ON app.products (qty)')
      await db.client.query('SET LOCAL enable_seqscan = off')
      for (const source of [
        `_id == '${P1}'`,
        `IN(['${P1}', '${P2}'], _id)`,
        'qty == 12',
        'qty > 5 && active',
      ]) {
        const params = new SqlParams()
        const where = compileCondition(parseExpression(source), scope, params)
        const plan = await db.client.query(
          `EXPLAIN SELECT * FROM app.products AS t WHERE ${where}`,
          params.values,
        )
        expect(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toMatch(
          /Index/,
        )
      }
    } finally {
      await db.client.query('ROLLBACK')
    }
  })

  it('filters with index-friendly SQL for the common shapes', async () => {
    expect(await db.filter(`_id == '${P2}'`)).toEqual([P2])
    expect(await db.filter(`_id = "${P1}"`)).toEqual([P1])
    expect(await db.filter(`IN(['${P1}', 'x'], this._id)`)).toEqual([P1])
    expect(await db.filter("IN(tags, 'sale')")).toEqual([P1])
    expect(await db.filter('qty == 0')).toEqual([P2])
    expect(await db.filter('qty > 5 && price < 20')).toEqual([P1])
    expect(await db.filter("createdAt > '2023-02-15T00:00:00Z'")).toEqual([P2])
    expect(await db.filter('!active')).toEqual([P2])
    expect(await db.filter('price != 19.99')).toEqual([P2])
    expect(await db.filter('body')).toEqual([P1])
  })
})
