import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOG_MODELS } from '../../../test-support/blog-models.js'
import { pgTargets } from '../../../test-support/databases.js'
import type { Database } from '../src/adapters/database/database.js'
import type { Caller, DataContext } from '../src/core/db/data-context.js'
import { DatabaseService } from '../src/core/db/database-service.js'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { compileCondition } from '../src/core/db/expressions/sql/compile.js'
import { SqlParams } from '../src/core/db/expressions/sql/sql-types.js'
import { getList } from '../src/core/db/operations/get-list.js'
import { accessCondition, readAccessHook } from '../src/core/db/query/access.js'
import { expressionShape } from '../src/core/db/query/filter-sql.js'
import { EMPTY_QUERY } from '../src/core/db/query/query-input.js'
import { queryBase, ROW } from '../src/core/db/query/select.js'
import { resolveModels } from '../src/core/db/schema/resolve-models.js'
import { startDbServer, q } from './db-helpers.js'
import type { DbTestServer } from './db-helpers.js'

const catalog = resolveModels({ name: 'filter-template', models: BLOG_MODELS } as never)
const noDb = {} as Database
const service = new DatabaseService(noDb, catalog, undefined)

/** The WHERE conditions and values of a query compiled afresh, without any cache. */
function direct(context: DataContext, modelName: string, expression: string) {
  const model = catalog.models.get(modelName)!
  const params = new SqlParams()
  const access = accessCondition(context, model, 'read', ROW, params)
  const userId = context.caller.kind === 'client' ? context.caller.userId : null
  const filter = compileCondition(
    parseExpression(expression),
    {
      catalog,
      model,
      alias: ROW,
      lookups: new Map(),
      session: { userId },
      readAccess: readAccessHook(context, params),
      purpose: 'filter',
    },
    params,
  )
  return { conditions: [access, filter].filter((c) => c !== 'TRUE'), values: params.values }
}

/** The same through queryBase, whose filters are cached by shape. */
function cached(context: DataContext, modelName: string, expression: string) {
  const base = queryBase(context, catalog.models.get(modelName)!, { ...EMPTY_QUERY, expression })
  return { conditions: base.conditions, values: base.params.values }
}

// Pairs of filters of one shape: the second must compile as it would alone, whether the first
// left a template (values only bound) or the shape depends on its values.
const PAIRS: [string, string, string][] = [
  ['users', 'score < 120', 'score<480.5'],
  ['users', "name == 'Ann' && score < 3", "name == 'Bob' && score < 1e3"],
  ['users', 'age > 30', 'age > 31.5'],
  ['users', 'age > 30.5', 'age > 31'],
  ['users', "joinedAt > '2025-01-01'", "joinedAt > '2025-06-01T12:00:00Z'"],
  ['users', "IN(['admin', 'reader'], role)", "IN(['editor', 'x'], role)"],
  ['users', 'score * 2 > 10', 'score * 1e300 > 11'],
  ['users', '-score < -5', '-score < -7'],
  ['users', '(5) < score && (score) < (10)', '(6) < score && (score) < (9)'],
  ['users', "name + 'x' == 'Annx'", "name + 'yy' == 'Bobyy'"],
  ['users', "UPPER(name) == 'ANN' || LENGTH(name) > 3", "UPPER(name) == 'BO' || LENGTH(name) > 9"],
  ['users', "REGEXMATCH(name, '^A')", "REGEXMATCH(name, 'b+$')"],
  ['users', "DATEDIFF(joinedAt, NOW(), 'day') < 3", "DATEDIFF(joinedAt, NOW(), 'hour') < 3"],
  ['users', "tags == ['a', 'b']", "tags == ['c', 'd']"],
  ['posts', "title == 'Hello' && likes >= 2", "title == 'Bye' && likes >= 3"],
  ['posts', "author.name == 'Ann'", "author.name == 'Bob'"],
  ['comments', "text != ''", "text != 'x'"],
]

const CALLERS: [string, Caller][] = [
  ['app code', { kind: 'app' }],
  ['an anonymous client', { kind: 'client', userId: null }],
  ['a signed-in client', { kind: 'client', userId: 'user-1' }],
]

describe('filters compiled once per shape', () => {
  it('gives the same shape to filters that differ only in their literals', () => {
    const a = expressionShape("price < 120 && name == 'a'")!
    const b = expressionShape("price<480.25&&name=='bb'")!
    expect(a.key).toBe(b.key)
    expect(a.literals).toEqual([120, 'a'])
    expect(b.literals).toEqual([480.25, 'bb'])
    expect(expressionShape("price < '120'")!.key).not.toBe(a.key)
    expect(expressionShape('price <= 120')!.key).not.toBe(expressionShape('price < 120')!.key)
    expect(expressionShape("name == 'unclosed")).toBeUndefined()
  })

  for (const [label, caller] of CALLERS) {
    it(`compiles every filter as it would alone, for ${label}`, () => {
      const context = service.as(caller)
      for (const [model, first, second] of PAIRS) {
        // Twice each: the second use of a shape is served from the cache.
        for (const expression of [first, second, first, second]) {
          expect(cached(context, model, expression), `${model}: ${expression}`).toEqual(
            direct(context, model, expression),
          )
        }
      }
    })
  }

  it('still refuses a bad literal after a good one of the same shape, and the reverse', () => {
    const context = service.as({ kind: 'client', userId: null })
    expect(() => cached(context, 'users', "joinedAt > 'not a date'")).toThrow(/ISO-8601/)
    expect(cached(context, 'users', "joinedAt > '2024-02-03'")).toEqual(
      direct(context, 'users', "joinedAt > '2024-02-03'"),
    )
    expect(() => cached(context, 'users', "joinedAt > 'still not'")).toThrow(/ISO-8601/)
  })

  it('sends one SQL text for filters of one shape, with their own values', async () => {
    const sent: { sql: string; params: readonly unknown[] }[] = []
    const db = {
      query: async (sql: string, params: readonly unknown[] = []) => {
        sent.push({ sql, params })
        return []
      },
    } as unknown as Database
    const context = new DatabaseService(db, catalog, undefined).as({ kind: 'client', userId: null })
    const sort = [{ field: 'score', direction: 'desc' as const }]
    for (const bound of [120, 480]) {
      await getList(
        context,
        'users',
        { ...EMPTY_QUERY, expression: `role == 'reader' && score < ${bound}`, limit: 20, sort },
        false,
      )
    }
    expect(sent).toHaveLength(2)
    expect(sent[0]!.sql).toBe(sent[1]!.sql)
    expect(sent[0]!.params).toEqual(['reader', 120])
    expect(sent[1]!.params).toEqual(['reader', 480])
  })
})

describe.each(pgTargets())('filters of one shape on $name', (target) => {
  let t: DbTestServer

  beforeAll(async () => {
    t = await startDbServer(target)
    const users = [
      { name: 'Ann', email: 'ann@x.test', age: 30, score: 10.5 },
      { name: 'Bob', email: 'bob@x.test', age: 40, score: 20.25 },
      { name: 'Cid', email: 'cid@x.test', age: 50, score: 30 },
    ]
    const created = await t.call('create', { values: users, query: q({}), model: 'users' })
    expect(created.status, JSON.stringify(created.body)).toBe(200)
  })
  afterAll(async () => {
    await t?.close()
  })

  it('answers each value of a cached filter with its own rows', async () => {
    const names = async (expression: string) => {
      const sort = [{ field: 'score', direction: 'asc' }]
      const list = await t.call('get-list', {
        model: 'users',
        query: q({ expression, sort, limit: 20 }),
        returnCountInfo: false,
      })
      expect(list.status).toBe(200)
      return (list.body as { name: string }[]).map((user) => user.name)
    }
    expect(await names('score < 15')).toEqual(['Ann'])
    expect(await names('score < 25')).toEqual(['Ann', 'Bob'])
    expect(await names('score < 100.5')).toEqual(['Ann', 'Bob', 'Cid'])
    expect(await names("name == 'Bob' || score < 11")).toEqual(['Ann', 'Bob'])
    expect(await names("name == 'Cid' || score < 0")).toEqual(['Cid'])
    expect(await names('age > 35')).toEqual(['Bob', 'Cid'])
    expect(await names('age > 45')).toEqual(['Cid'])
  })
})
