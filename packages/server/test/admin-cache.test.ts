import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerConfig } from '@basalt/server'
import { pgTargets, redisUrl } from '../../../test-support/databases.js'
import type { PgTarget } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminAnswer, AdminTestServer } from '../../../test-support/admin.js'

function expectError(answer: AdminAnswer, status: number, code: string) {
  expect(answer.status).toBe(status)
  expect(answer.body.errors[0]).toMatchObject({ code })
}

interface Subject {
  name: string
  target: PgTarget
  overrides: Partial<ServerConfig>
}

// The memory cache on every PostgreSQL target; Redis (SCAN under the app's namespace) when set.
const subjects: Subject[] = pgTargets().map((target) => ({
  name: `memory cache, ${target.name} PostgreSQL`,
  target,
  overrides: {},
}))
const redis = redisUrl()
if (redis) {
  subjects.push({
    name: 'Redis cache',
    target: pgTargets()[0]!,
    overrides: { redisUrl: redis, app: { name: `admin-cache-${randomBytes(4).toString('hex')}` } },
  } as Subject)
}

describe.each(subjects)('admin cache: $name', ({ target, overrides }) => {
  let a: AdminTestServer

  beforeAll(async () => {
    a = await startAdminTestServer(target, overrides)
    const cache = a.t.server.cache
    for (let i = 0; i < 7; i++) await cache.set(`user:${i}`, { n: i }, i % 2 ? 600 : null)
    await cache.set('user:[x]', 'brackets')
    await cache.set('session:1', 'other')
  })
  afterAll(async () => {
    // Redis keeps what a test wrote: leave its namespace empty.
    const left = await a?.t.server.cache.listKeyTtls('*', null, 100)
    if (left?.items.length) await a.t.server.cache.delete(left.items.map((item) => item.key))
    await a?.close()
  })

  /** Every key of a pattern through the cursor, with pages of `size`. */
  const listAll = async (pattern: string, size: number) => {
    const items: { key: string; ttlSeconds: number | null }[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = `pattern=${encodeURIComponent(pattern)}&size=${size}`
      const answer = await a.call('GET', `/cache/keys?${query}${cursor ? `&cursor=${cursor}` : ''}`)
      expect(answer.status).toBe(200)
      items.push(...answer.body.items)
      cursor = answer.body.cursor
      pages++
    } while (cursor !== null && pages < 50)
    return { items: items.sort((x, y) => (x.key < y.key ? -1 : 1)), pages }
  }

  it('lists keys by glob through the cursor, with their TTLs', async () => {
    const { items, pages } = await listAll('user:?', 3)
    expect(pages).toBeGreaterThan(1)
    expect(items.map((item) => item.key)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `user:${i}`))
    expect(items[0]!.ttlSeconds).toBeNull()
    expect(items[1]!.ttlSeconds).toBeGreaterThan(590)
    expect(items[1]!.ttlSeconds).toBeLessThanOrEqual(600)
    // `[` and `]` are plain characters: only `*` and `?` are special.
    expect((await listAll('user:[x]', 50)).items.map((i) => i.key)).toEqual(['user:[x]'])
    expect((await listAll('user:[12]', 50)).items).toEqual([])
    const everything = await a.call('GET', '/cache/keys')
    expect(everything.body.cursor).toBeNull()
    expect(everything.body.items.map((i: { key: string }) => i.key)).toEqual(
      expect.arrayContaining(['session:1', 'user:[x]', 'user:6']),
    )
  })

  it('reads, writes with and without a TTL, and deletes a key', async () => {
    const read = await a.call('GET', '/cache/keys/user:3')
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ key: 'user:3', value: { n: 3 } })
    expect(read.body.ttlSeconds).toBeGreaterThan(590)

    const key = 'greeting/é ü'
    const path = `/cache/keys/${encodeURIComponent(key)}`
    const put = await a.call('PUT', path, {
      value: { text: 'hi', list: [1, null] },
      ttlSeconds: 30,
    })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ key, value: { text: 'hi', list: [1, null] }, ttlSeconds: 30 })
    expect(await a.t.server.cache.get(key)).toEqual({ text: 'hi', list: [1, null] })
    expect(await a.t.server.cache.ttl(key)).toBeGreaterThan(25)
    const got = await a.call('GET', path)
    expect(got.body).toMatchObject({ key, value: { text: 'hi', list: [1, null] } })
    expect(got.body.ttlSeconds).toBeGreaterThan(25)
    // A put without a TTL drops the earlier one; null is a value like any other.
    expect((await a.call('PUT', path, { value: null })).body).toEqual({
      key,
      value: null,
      ttlSeconds: null,
    })
    expect((await a.call('GET', path)).body).toEqual({ key, value: null, ttlSeconds: null })
    const long = 'k'.repeat(300)
    expect((await a.call('PUT', `/cache/keys/${long}`, { value: 1 })).status).toBe(200)
    expect((await a.call('GET', `/cache/keys/${long}`)).body.value).toBe(1)

    expect((await a.call('DELETE', path)).status).toBe(204)
    expectError(await a.call('GET', path), 404, 'cache_key_not_found')
    expect((await a.call('DELETE', path)).status).toBe(204)
  })

  it('refuses bad input with 4xx codes', async () => {
    expectError(await a.call('GET', '/cache/keys?size=101'), 400, 'validation_error')
    expectError(await a.call('GET', '/cache/keys?cursor=bogus'), 400, 'validation_error')
    expectError(await a.call('PUT', '/cache/keys/x', {}), 400, 'validation_error')
    expectError(
      await a.call('PUT', '/cache/keys/x', { value: 1, ttlSeconds: -1 }),
      400,
      'validation_error',
    )
    expectError(await a.call('PUT', '/cache/keys/x', { value: 1, ttl: 5 }), 400, 'validation_error')
    expectError(
      await a.call('PUT', '/cache/keys/x', { value: 'x'.repeat(600 * 1024) }),
      413,
      'cache_key_size_exceeded',
    )
    expectError(await a.call('GET', `/cache/keys/${'k'.repeat(1025)}`), 400, 'validation_error')
    expectError(await a.call('GET', '/cache/keys/missing'), 404, 'cache_key_not_found')
  })

  it('answers 401 without the admin token', async () => {
    const answer = await a.call('GET', '/cache/keys/user:3', undefined, {
      authorization: '',
      'x-client-key': a.t.clientKey,
    })
    expectError(answer, 401, 'admin_session_required')
    const put = await a.call(
      'PUT',
      '/cache/keys/user:3',
      { value: 'hacked' },
      { authorization: '' },
    )
    expectError(put, 401, 'admin_session_required')
    expect(await a.t.server.cache.get('user:3')).toEqual({ n: 3 })
  })
})
