import type { ExpressionNode } from '@basalt/protocol'
import { describe, expect, it } from 'vitest'
import { FUNCTIONS } from '../src/core/db/expressions/function-catalog.js'
import { parseExpression } from '../src/core/db/expressions/parse/parse-expression.js'
import { compileCondition, compileValue } from '../src/core/db/expressions/sql/compile.js'
import { SqlParams } from '../src/core/db/expressions/sql/sql-types.js'
import type { QueryLookup, SqlScope } from '../src/core/db/expressions/sql/sql-types.js'
import { isBasaltError } from '../src/tools/errors.js'
import { pgTargets } from '../../../test-support/databases.js'
import { CATALOG, PRODUCTS, USERS, useFixture } from './expression-sql-fixture.js'
import type { FixtureDb } from './expression-sql-fixture.js'

// Random expressions, well and ill typed, compiled and run over every fixture row: PostgreSQL
// must never reject one (each error would be a 500). Our own BasaltErrors are fine.
const COUNT = 2000
const BATCH = 25
const span = { start: 0, end: 1 }

/** A small seeded generator (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  2,
  0.5,
  -2.5,
  3,
  7,
  12,
  59.9999,
  100,
  1e6,
  1e15,
  2 ** 53,
  1e21,
  1e154,
  1e300,
  1e308,
  -1e308,
  1e-7,
  1e-300,
  5e-324,
  31,
  9999,
  10000,
  253402300799999,
  -62135596800000,
  8.64e15,
  1e9,
  2147483648,
  -2147483649,
  0.1,
  1.005,
  400,
  -400,
  1e-320,
]
const TEXTS = [
  '',
  'a',
  'abc',
  'A',
  ' x ',
  'é☃😀',
  '2024-02-29',
  '2024-02-29T13:45:30.250Z',
  '2023-02-29',
  '12.5',
  '1e400',
  'false',
  '0',
  'day',
  'month',
  'years',
  'km',
  'i',
  '.',
  'a.b',
  'c.1',
  '(a|b',
  '^[a-z]+$',
  '\\d+',
  "'; DROP TABLE app.products; --",
  'abcdefabcdefabcdefabcdef',
  '%',
  '_',
  '\u0001',
  '\ue000',
  '9999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00+01:00',
  '2024-02-29T24:00',
  '1e-999',
  ' 5 ',
  '-',
  'mi',
  'a{1,300}',
  '[\\w-]+@',
]
const PATHS = [
  'title',
  'body',
  'email',
  'qty',
  'price',
  'active',
  'releasedAt',
  'code',
  'owner',
  'location',
  'tags',
  'scores',
  'ratios',
  'flags',
  'dates',
  'colors',
  'meta',
  'meta.a',
  'meta.b',
  'meta.c',
  'meta.d',
  'meta.d.e',
  'meta.s',
  'meta.n',
  'serial',
  'dims',
  'dims.width',
  'dims.inner',
  'dims.inner.depth',
  'reviews',
  '_id',
  'createdAt',
  'updatedAt',
  'this',
  'this.qty',
  'owner.name',
  'owner.age',
  'session.userId',
  'status',
  'reviewer',
  'reviewer.name',
  'secret',
]
const ITEM_PATHS = [
  'item',
  'rating',
  'author',
  'verified',
  'postedAt',
  'replies',
  'item.rating',
  'text',
  'this.title',
]
const OPS = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/'] as const
const NAMES = [...FUNCTIONS.values()].filter((f) => !f.memoryOnly)
const ITEM_FUNCTIONS = new Set(['ALLITEMSTRUE', 'ANYITEMTRUE', 'FILTER', 'MAP'])

function generator(next: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const leaf = (inItem: boolean): ExpressionNode => {
    const r = next()
    if (r < 0.2) return { kind: 'literal', value: pick(NUMBERS), span }
    if (r < 0.35) return { kind: 'literal', value: pick(TEXTS), span }
    if (r < 0.4) return { kind: 'literal', value: pick([true, false, null]), span }
    const source = inItem && next() < 0.5 ? pick(ITEM_PATHS) : pick(PATHS)
    return { kind: 'path', segments: source.split('.'), span }
  }
  const node = (depth: number, inItem: boolean): ExpressionNode => {
    if (depth <= 0 || next() < 0.25) return leaf(inItem)
    const r = next()
    if (r < 0.3) {
      const op = pick(OPS)
      return {
        kind: 'binary',
        op,
        left: node(depth - 1, inItem),
        right: node(depth - 1, inItem),
        span,
      }
    }
    if (r < 0.38) {
      return {
        kind: 'unary',
        op: pick(['!', '-', '+'] as const),
        operand: node(depth - 1, inItem),
        span,
      }
    }
    if (r < 0.45) {
      const items = Array.from({ length: Math.floor(next() * 4) }, () => node(depth - 1, inItem))
      return { kind: 'list', items, span }
    }
    const spec = pick(NAMES)
    const max = Math.min(spec.maxArgs, spec.minArgs + 2)
    const count = spec.minArgs + Math.floor(next() * (max - spec.minArgs + 1))
    const args = Array.from({ length: count }, (_, i) =>
      node(depth - 1, inItem || (ITEM_FUNCTIONS.has(spec.name) && i === 1)),
    )
    if (ITEM_FUNCTIONS.has(spec.name) && next() < 0.6) {
      args[0] = {
        kind: 'path',
        segments: [pick(['reviews', 'tags', 'scores', 'meta.c', 'dates', 'dims.inner'])],
        span,
      }
    }
    return { kind: 'call', name: spec.name, args, span }
  }
  return node
}

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
])

const SCOPE: SqlScope = {
  catalog: CATALOG,
  model: PRODUCTS,
  alias: 't',
  purpose: 'filter',
  lookups: LOOKUPS,
  session: { userId: '0000000000000000000000a1' },
}

describe.each(pgTargets())('random expressions on $name PostgreSQL', (target) => {
  const db = useFixture(target)

  it(`compiles ${COUNT} random expressions to SQL PostgreSQL always runs`, async () => {
    const node = generator(random(Number(process.env.BASALT_FUZZ_SEED ?? 20240517)))
    const stats = { ran: 0, refused: 0, longest: 0 }
    let batch: Compiled[] = []
    let params = new SqlParams()
    for (let i = 0; stats.ran + batch.length < COUNT && i < 4 * COUNT; i++) {
      const ast = node(i % 10 === 0 ? 6 : 4, false)
      const condition = i % 2 === 1
      const mark = params.values.length
      try {
        const sql = condition
          ? compileCondition(ast, SCOPE, params)
          : compileValue(ast, SCOPE, params).sql
        batch.push({ ast, sql, condition })
        stats.longest = Math.max(stats.longest, sql.length)
      } catch (error) {
        if (!isBasaltError(error) || error.status >= 500) throw error
        params.values.length = mark
        stats.refused++
      }
      if (batch.length === BATCH || (batch.length > 0 && stats.ran + batch.length === COUNT)) {
        await run(db, batch, params)
        stats.ran += batch.length
        batch = []
        params = new SqlParams()
      }
    }
    expect(stats.ran).toBe(COUNT)
    expect(stats.longest).toBeLessThan(100_000)
  })
})

interface Compiled {
  readonly ast: ExpressionNode
  readonly sql: string
  readonly condition: boolean
}

/** Runs a batch of compiled expressions as the columns of one query over every row. */
async function run(db: FixtureDb, batch: Compiled[], params: SqlParams): Promise<void> {
  const columns = batch.map((c, i) => `${c.sql} AS "v${i}"`).join(', ')
  let rows: Record<string, unknown>[]
  try {
    rows = (await db.client.query(`SELECT ${columns} FROM app."products" AS t`, params.values)).rows
  } catch (error) {
    const message = (error as Error).message
    throw new Error(`${message}\nin one of:\n${batch.map((c) => JSON.stringify(c.ast)).join('\n')}`)
  }
  // A condition is never null: it is a WHERE clause, maybe under NOT.
  batch.forEach((c, i) => {
    const types = rows.map((row) => typeof row[`v${i}`])
    if (c.condition) expect(types, JSON.stringify(c.ast)).toEqual(['boolean', 'boolean'])
  })
}
