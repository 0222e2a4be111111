import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/adapters/database/database.js'
import { migrate } from '../src/adapters/database/migrate.js'
import { PostgresDatabase } from '../src/adapters/database/postgres/postgres-database.js'
import { OutboxStore } from '../src/adapters/outbox/outbox-store.js'
import { SYSTEM_MIGRATIONS, SYSTEM_SCHEMA } from '../src/core/system-migrations.js'
import { isObjectId } from '../src/tools/ids.js'
import { createTestDatabase, pgTargets } from '../../../test-support/databases.js'
import type { TestDatabase } from '../../../test-support/databases.js'

describe.each(pgTargets())('OutboxStore on $name PostgreSQL', (target) => {
  let testDb: TestDatabase
  let db: Database
  let store: OutboxStore

  beforeAll(async () => {
    testDb = await createTestDatabase(target)
    db = new PostgresDatabase({ connectionString: testDb.url })
    await migrate(db, SYSTEM_SCHEMA, SYSTEM_MIGRATIONS)
    store = new OutboxStore(db)
  })
  afterAll(async () => {
    await db.close()
    await testDb.drop()
  })

  it('records an entry and answers it with an id and a creation time', async () => {
    const before = await db.query<{ now: Date }>('SELECT now() AS now')
    const entry = await store.record({
      kind: 'mail',
      recipient: 'ada@example.test',
      subject: 'Welcome',
      body: 'Hello Ada',
      html: '<p>Hello Ada</p>',
    })
    expect(isObjectId(entry.id)).toBe(true)
    expect(entry).toMatchObject({
      kind: 'mail',
      recipient: 'ada@example.test',
      subject: 'Welcome',
      body: 'Hello Ada',
      html: '<p>Hello Ada</p>',
    })
    expect(entry.createdAt).toBeInstanceOf(Date)
    expect(entry.createdAt.getTime()).toBeGreaterThanOrEqual(before[0]!.now.getTime())
    expect(await store.list({ recipient: 'ada@example.test' })).toEqual([entry])
  })

  it('stores a missing subject and html as null', async () => {
    const entry = await store.record({ kind: 'sms', recipient: '+15550000001', body: 'code 1' })
    expect(entry.subject).toBeNull()
    expect(entry.html).toBeNull()
    expect(await store.latest('sms', '+15550000001')).toEqual(entry)
  })

  it('lists newest first and filters by kind and recipient', async () => {
    const bob = 'bob@example.test'
    const first = await store.record({ kind: 'mail', recipient: bob, subject: 'a', body: '1' })
    const second = await store.record({ kind: 'mail', recipient: bob, subject: 'b', body: '2' })
    const sms = await store.record({ kind: 'sms', recipient: '+15550000002', body: '3' })
    const third = await store.record({ kind: 'mail', recipient: bob, subject: 'c', body: '4' })

    expect(await store.list({ recipient: bob })).toEqual([third, second, first])
    expect(await store.list({ kind: 'sms', recipient: '+15550000002' })).toEqual([sms])
    expect((await store.list({ kind: 'sms' })).every((entry) => entry.kind === 'sms')).toBe(true)
    expect((await store.list({ kind: 'mail' })).map((entry) => entry.id)).not.toContain(sms.id)
    expect((await store.list()).slice(0, 4)).toEqual([third, sms, second, first])
  })

  it('keeps the order of entries recorded in one transaction', async () => {
    const recipient = 'carol@example.test'
    const ids = await db.transaction(async (tx) => {
      const inTx = new OutboxStore(tx)
      const made = []
      for (let i = 0; i < 3; i++)
        made.push(await inTx.record({ kind: 'mail', recipient, body: `${i}` }))
      return made.map((entry) => entry.id)
    })
    expect((await store.list({ recipient })).map((entry) => entry.id)).toEqual(ids.reverse())
  })

  it('limits the list, 50 by default', async () => {
    const recipient = '+15550000003'
    for (let i = 0; i < 55; i++) await store.record({ kind: 'sms', recipient, body: `${i}` })
    expect(await store.list({ recipient })).toHaveLength(50)
    const two = await store.list({ recipient, limit: 2 })
    expect(two.map((entry) => entry.body)).toEqual(['54', '53'])
    await expect(store.list({ limit: 0 })).rejects.toThrow(RangeError)
    await expect(store.list({ limit: 1.5 })).rejects.toThrow(RangeError)
    await expect(store.list({ limit: 1001 })).rejects.toThrow(RangeError)
  })

  it('answers the latest entry of a kind for a recipient, or undefined', async () => {
    const dave = 'dave@example.test'
    await store.record({ kind: 'mail', recipient: dave, subject: 'old', body: 'old link' })
    const newest = await store.record({
      kind: 'mail',
      recipient: dave,
      subject: 'new',
      body: 'new',
    })
    await store.record({ kind: 'mail', recipient: 'eve@example.test', subject: 'x', body: 'x' })
    expect(await store.latest('mail', dave)).toEqual(newest)
    expect(await store.latest('sms', dave)).toBeUndefined()
    expect(await store.latest('mail', 'nobody@example.test')).toBeUndefined()
  })
})
