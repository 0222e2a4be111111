import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Queryable } from '@basalt/server'
import type { DataContext } from '../src/core/db/data-context.js'
import { getList } from '../src/core/db/operations/get-list.js'
import { getObject } from '../src/core/db/operations/get-object.js'
import { EMPTY_QUERY } from '../src/core/db/query/query-input.js'
import type { QueryInput } from '../src/core/db/query/query-input.js'
import { pgTargets } from '../../../test-support/databases.js'
import { q, startDbServer } from './db-helpers.js'
import type { DbTestServer } from './db-helpers.js'

// The documented common queries use indexes: the SQL an operation sends is captured, then
// EXPLAINed with sequential scans disabled (the test tables are too small for the planner to
// prefer an index on its own; a plan that cannot use one still shows a Seq Scan).
describe.each(pgTargets())('database queries use indexes on $name PostgreSQL', (target) => {
  let t: DbTestServer

  beforeAll(async () => {
    t = await startDbServer(target)
  })
  afterAll(() => t.close())

  /** The plans of the statements an operation sends (it gets empty answers). */
  const plansOf = async (run: (context: DataContext) => Promise<unknown>): Promise<string[]> => {
    const sent: { sql: string; params: readonly unknown[] }[] = []
    const capture: Queryable = {
      query: async (sql, params = []) => {
        sent.push({ sql, params })
        return []
      },
    }
    const fake = {
      ...capture,
      transaction: (work: (tx: Queryable) => unknown) => work(capture),
    } as Database
    await run({ ...t.server.db.app(), db: fake })
    const real = t.server.database.db
    return Promise.all(
      sent.map(({ sql, params }) =>
        real.transaction(async (tx) => {
          await tx.query('SET LOCAL enable_seqscan = off')
          const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)
          return rows.map((row) => row['QUERY PLAN']).join('\n')
        }),
      ),
    )
  }
  const list = (model: string, query: Partial<QueryInput>) => (context: DataContext) =>
    getList(context, model, { ...EMPTY_QUERY, ...query }, false)

  it('gets an object by id through the primary key', async () => {
    const [plan] = await plansOf((c) => getObject(c, 'posts', 'a'.repeat(24), null))
    expect(plan).toMatch(/Index Scan using posts_pkey/)
  })

  it('filters on an indexed reference and reads sub-objects by parent', async () => {
    const [plan] = await plansOf(
      list('posts', { expression: "author == '" + 'b'.repeat(24) + "'", limit: 20 }),
    )
    expect(plan).toMatch(/Index Scan using posts_author_idx|Bitmap Index Scan on posts_author_idx/)
    expect(plan).toMatch(/posts__attachments__parent/)
    expect(plan).not.toMatch(/Seq Scan on posts\b/)
  })

  it('sorts a filtered page by an indexed field without a full sort', async () => {
    const [plan] = await plansOf(
      list('comments', {
        expression: "post == '" + 'c'.repeat(24) + "'",
        sort: [{ field: 'post', direction: 'asc' }],
        limit: 20,
      }),
    )
    expect(plan).toMatch(/comments_post_idx/)
    expect(plan).not.toMatch(/Seq Scan/)
  })

  it('filters text by range on a unique text field through its index', async () => {
    const [plan] = await plansOf(
      list('users', q({ expression: "email >= 'a' && email < 'b'", limit: 20 })),
    )
    expect(plan).toMatch(/users_email_key/)
  })

  it('searches text through the search index', async () => {
    const { searchText } = await import('../src/core/db/operations/search-text.js')
    const [plan] = await plansOf((c) => searchText(c, 'posts', EMPTY_QUERY, 'pasta', false))
    expect(plan).toMatch(/posts_search_idx/)
  })
})
