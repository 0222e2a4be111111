import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../src/adapters/database/migrate.js'
import { PostgresDatabase } from '../src/adapters/database/postgres/postgres-database.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'

// One contract, every PostgreSQL we support: the embedded server and, in CI, an external one.
describe.each(pgTargets())('Database contract on $name PostgreSQL', (target) => {
  let testDb: TestDatabase
  let db: PostgresDatabase

  beforeAll(async () => {
    testDb = await createTestDatabase(target)
    db = new PostgresDatabase({ connectionString: testDb.url })
  })
  afterAll(async () => {
    await db.close()
    await testDb.drop()
  })

  it('runs parameterised queries, never pasting values into SQL', async () => {
    const hostile = "x'); DROP TABLE pg_class; --"
    const rows = await db.query<{ value: string }>('SELECT $1::text AS value', [hostile])
    expect(rows).toEqual([{ value: hostile }])
  })

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.query('CREATE TABLE tx_probe (n integer)')
    await db.transaction((tx) => tx.query('INSERT INTO tx_probe VALUES (1)'))
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (2)')
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await db.query('SELECT n FROM tx_probe ORDER BY n')).toEqual([{ n: 1 }])
  })

  it('delivers NOTIFY from another connection to a listener, after commit only', async () => {
    const received: string[] = []
    let onArrival: () => void = () => {}
    const arrived = new Promise<void>((resolve) => (onArrival = resolve))
    await db.listen('contract_channel', (payload) => {
      received.push(payload)
      onArrival()
    })
    const other = new PostgresDatabase({ connectionString: testDb.url })
    try {
      await expect(
        other.transaction(async (tx) => {
          await tx.query(`SELECT pg_notify('contract_channel', 'rolled-back')`)
          throw new Error('abort')
        }),
      ).rejects.toThrow('abort')
      await other.query(`SELECT pg_notify('contract_channel', 'hello')`)
      await arrived
    } finally {
      await other.close()
    }
    expect(received).toEqual(['hello'])
  })

  it('replaces a lost LISTEN connection, says so with *, and keeps delivering', async () => {
    const watched = new PostgresDatabase({ connectionString: testDb.url, listenRetryMs: 10 })
    const payloads: string[] = []
    let onPayload: () => void = () => {}
    await watched.listen('resilient', (payload) => {
      payloads.push(payload)
      onPayload()
    })
    const next = () => new Promise<void>((resolve) => (onPayload = resolve))
    try {
      const missed = next()
      await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      )
      await missed
      expect(payloads).toEqual(['*'])
      const delivered = next()
      await db.query(`SELECT pg_notify('resilient', 'after')`)
      await delivered
      expect(payloads).toEqual(['*', 'after'])
    } finally {
      await watched.close()
    }
  })

  it('answers ping with a latency', async () => {
    expect(await db.ping()).toBeGreaterThanOrEqual(0)
  })

  it('applies migrations once, in order, even when two processes start together', async () => {
    const migrations = [
      { version: 1, name: 'one', sql: 'CREATE TABLE m_probe (n integer)' },
      { version: 2, name: 'two', sql: 'ALTER TABLE m_probe ADD COLUMN label text' },
    ]
    const second = new PostgresDatabase({ connectionString: testDb.url })
    try {
      const [a, b] = await Promise.all([
        migrate(db, 'mig_test', migrations),
        migrate(second, 'mig_test', migrations),
      ])
      expect(a.applied.length + b.applied.length).toBe(2)
    } finally {
      await second.close()
    }
    const again = await migrate(db, 'mig_test', migrations)
    expect(again.applied).toEqual([])
    const versions = await db.query('SELECT version FROM mig_test.migrations ORDER BY version')
    expect(versions).toEqual([{ version: 1 }, { version: 2 }])
  })

  it('leaves nothing applied when a migration fails', async () => {
    const migrations = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE f_probe (n integer)' },
      { version: 2, name: 'broken', sql: 'ALTER TABLE no_such_table ADD COLUMN x int' },
    ]
    await expect(migrate(db, 'fail_test', migrations)).rejects.toThrow(/no_such_table/)
    const tables = await db.query(`SELECT to_regclass('public.f_probe') AS t`)
    expect(tables).toEqual([{ t: null }])
  })

  it('refuses migrations out of order', async () => {
    const migrations = [
      { version: 2, name: 'b', sql: 'SELECT 1' },
      { version: 1, name: 'a', sql: 'SELECT 1' },
    ]
    await expect(migrate(db, 'order_test', migrations)).rejects.toThrow(/out of order/)
  })
})

describe('a database that cannot be reached', () => {
  it('answers the catalog error database_unavailable, not a driver error', async () => {
    const db = new PostgresDatabase({
      connectionString: 'postgres://postgres@127.0.0.1:1/none', // port 1: nothing listens
    })
    try {
      await expect(db.query('SELECT 1')).rejects.toMatchObject({
        code: 'database_unavailable',
        status: 503,
      })
      await expect(db.transaction(async () => 1)).rejects.toMatchObject({
        code: 'database_unavailable',
      })
    } finally {
      await db.close()
    }
  })
})
