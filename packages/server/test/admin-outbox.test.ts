import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutboxStore } from '../src/adapters/outbox/outbox-store.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminTestServer } from '../../../test-support/admin.js'

describe.each(pgTargets())('admin outbox on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startAdminTestServer(target)
    const outbox = new OutboxStore(s.t.server.database.db)
    await outbox.record({
      kind: 'mail',
      recipient: 'ada@example.test',
      subject: 'Welcome',
      body: 'Hello Ada',
      html: '<p>Hello Ada</p>',
    })
    await outbox.record({ kind: 'sms', recipient: '+15550001111', body: 'Your code is 123456' })
    await outbox.record({ kind: 'mail', recipient: 'bob@example.test', subject: 'Hi', body: 'Bob' })
  })
  afterAll(() => s?.close())

  const recipients = (body: { items: { recipient: string }[] }) =>
    body.items.map((item) => item.recipient)

  it('lists mail and text messages newest first, by page', async () => {
    const all = await s.call('GET', '/outbox')
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({ page: 1, size: 50, total: 3 })
    expect(recipients(all.body)).toEqual(['bob@example.test', '+15550001111', 'ada@example.test'])
    const ada = all.body.items[2]
    expect(ada).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      kind: 'mail',
      recipient: 'ada@example.test',
      subject: 'Welcome',
      body: 'Hello Ada',
      html: '<p>Hello Ada</p>',
      createdAt: expect.any(String),
    })
    const second = await s.call('GET', '/outbox?size=2&page=2')
    expect(second.body).toMatchObject({ page: 2, size: 2, total: 3 })
    expect(recipients(second.body)).toEqual(['ada@example.test'])
  })

  it('filters by kind and by part of the recipient', async () => {
    const sms = await s.call('GET', '/outbox?kind=sms')
    expect(recipients(sms.body)).toEqual(['+15550001111'])
    expect(sms.body.items[0]).toMatchObject({ subject: null, html: null })
    const search = await s.call('GET', '/outbox?search=ADA@')
    expect(recipients(search.body)).toEqual(['ada@example.test'])
    const both = await s.call('GET', '/outbox?kind=sms&search=example')
    expect(both.body).toMatchObject({ items: [], total: 0 })
  })

  it('refuses a bad kind and calls without the admin token', async () => {
    const bad = await s.call('GET', '/outbox?kind=fax')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].code).toBe('validation_error')
    const anonymous = await s.call('GET', '/outbox', undefined, { authorization: '' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0].code).toBe('admin_session_required')
  })
})
