import { randomBytes } from 'node:crypto'
import { createClient } from 'altogic'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets, redisUrl } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'

// The 8 cache routes through the published altogic@2.3.9 client, unmodified, against a
// listening server: on the memory cache, and on Redis when BASALT_TEST_REDIS_URL is set.
const within = <T>(promise: Promise<T>, ms = 5000): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ])

const redis = redisUrl()
const APP = `cache-e2e-${randomBytes(5).toString('hex')}`

interface Setup {
  name: string
  target: ReturnType<typeof pgTargets>[number]
  redisUrl?: string
}

const setups: Setup[] = pgTargets().map((target) => ({ name: `memory, ${target.name}`, target }))
if (redis) setups.push({ name: 'redis', target: pgTargets()[0]!, redisUrl: redis })

afterAll(async () => {
  if (!redis) return
  const client = new Redis(redis)
  const keys = await client.keys(`basalt:${APP}*`)
  if (keys.length > 0) await client.del(...keys)
  await client.quit()
})

describe.each(setups)('cache routes through the altogic client ($name)', (setup) => {
  let t: TestServer
  let client: ReturnType<typeof createClient>

  beforeAll(async () => {
    t = await startTestServer(setup.target, { redisUrl: setup.redisUrl, app: { name: APP } })
    client = createClient(await t.server.listen(), t.clientKey)
  })
  afterAll(() => t.close())

  it('gets objects and arrays as stored, primitives as {value}, a missing key as null', async () => {
    const cases: [unknown, unknown][] = [
      [
        { a: 1, b: [true] },
        { a: 1, b: [true] },
      ],
      [
        [1, 'two'],
        [1, 'two'],
      ],
      ['text', { value: 'text' }],
      [42, { value: 42 }],
      [false, { value: false }],
      [null, { value: null }],
    ]
    for (const [i, [stored, read]] of cases.entries()) {
      expect(await within(client.cache.set(`kind:${i}`, stored))).toEqual({ errors: null })
      expect(await within(client.cache.get(`kind:${i}`))).toEqual({ data: read, errors: null })
    }
    expect(await within(client.cache.get('never-set'))).toEqual({ data: null, errors: null })
  })

  it('reads a key the client sent unencoded, `+` and spaces included', async () => {
    await within(client.cache.set('user:1 a+b', 'x'))
    expect((await within(client.cache.get('user:1 a+b'))).data).toEqual({ value: 'x' })
  })

  it('deletes one key or several, missing ones included', async () => {
    await within(client.cache.set('del:a', 1))
    await within(client.cache.set('del:b', 2))
    expect(await within(client.cache.delete('del:a'))).toEqual({ errors: null })
    expect(await within(client.cache.delete(['del:b', 'del:missing']))).toEqual({ errors: null })
    expect((await within(client.cache.get('del:a'))).data).toBeNull()
    expect((await within(client.cache.get('del:b'))).data).toBeNull()
  })

  it('increments and decrements, answering {value}, with a TTL when given', async () => {
    expect(await within(client.cache.increment('counter'))).toEqual({
      data: { value: 1 },
      errors: null,
    })
    expect((await within(client.cache.increment('counter', 10))).data).toEqual({ value: 11 })
    expect((await within(client.cache.decrement('counter', 4, 60))).data).toEqual({ value: 7 })
    expect((await within(client.cache.decrement('fresh'))).data).toEqual({ value: -1 })
    expect(await t.server.cache.ttl('counter')).toBeGreaterThan(55)
    expect(await t.server.cache.ttl('fresh')).toBe(-1)
  })

  it('sets a TTL with set and expire; expire with 0 deletes, as in Redis', async () => {
    await within(client.cache.set('ttl:a', 'v', 100))
    expect(await t.server.cache.ttl('ttl:a')).toBeGreaterThan(95)
    await within(client.cache.set('ttl:a', 'v'))
    expect(await t.server.cache.ttl('ttl:a')).toBe(-1)
    expect(await within(client.cache.expire('ttl:a', 30))).toEqual({ errors: null })
    expect(await t.server.cache.ttl('ttl:a')).toBeGreaterThan(25)
    await within(client.cache.expire('ttl:a', 0))
    expect((await within(client.cache.get('ttl:a'))).data).toBeNull()
    expect((await within(client.cache.expire('ttl:missing', 10))).errors).toBeNull()
  })

  it('lists keys with their values across pages with the cursor', async () => {
    for (let i = 0; i < 130; i++) await within(client.cache.set(`page:${i}`, { i }))
    const seen = new Map<string, unknown>()
    let next: string | undefined
    let pages = 0
    do {
      const result = await within(client.cache.listKeys('page:*', next))
      expect(result.errors).toBeNull()
      for (const entry of result.data as { key: string; value: unknown }[]) {
        seen.set(entry.key, entry.value)
      }
      next = result.next ?? undefined
      pages++
    } while (next && pages < 50)
    // Memory pages hold 100 entries; a Redis SCAN batch may hold more (COUNT is a hint).
    if (!setup.redisUrl) expect(pages).toBe(2)
    expect(seen.size).toBe(130)
    expect(seen.get('page:42')).toEqual({ i: 42 })
    const one = await within(client.cache.listKeys('page:1[0-1]'))
    expect(one).toMatchObject({ next: null, errors: null })
    expect((one.data as { key: string }[]).map((e) => e.key).sort()).toEqual(['page:10', 'page:11'])
  })

  it('answers stats: keys, bytes, and daily and monthly traffic', async () => {
    await within(client.cache.set('stats:a', 'abc'))
    await within(client.cache.get('stats:a'))
    const { data, errors } = await within(client.cache.getStats())
    expect(errors).toBeNull()
    const today = new Date().toISOString().slice(0, 10)
    expect(data).toEqual({
      keys: expect.any(Number),
      bytes: expect.any(Number),
      daily: { date: today, ingress: expect.any(Number), egress: expect.any(Number) },
      monthly: {
        month: today.slice(0, 7),
        ingress: expect.any(Number),
        egress: expect.any(Number),
      },
    })
    const stats = data as { keys: number; bytes: number; daily: { egress: number } }
    expect(stats.keys).toBeGreaterThan(0)
    expect(stats.bytes).toBeGreaterThan(0)
    expect(stats.daily.egress).toBeGreaterThan(0)
  })

  it('answers a clear JSON error for bad input', async () => {
    const code = (result: { errors: { status: number; items: { code: string }[] } | null }) => [
      result.errors?.status,
      result.errors?.items[0]?.code,
    ]
    expect(code(await within(client.cache.get('')))).toEqual([400, 'validation_error'])
    const huge = 'x'.repeat(600 * 1024)
    expect(code(await within(client.cache.set('huge', huge)))).toEqual([
      413,
      'cache_key_size_exceeded',
    ])
    const wrongKey = client.cache.set(5 as unknown as string, 'x')
    expect(code(await within(wrongKey))).toEqual([400, 'validation_error'])
    const wrongTtl = client.cache.set('k', 'x', 'soon' as unknown as number)
    expect(code(await within(wrongTtl))).toEqual([400, 'validation_error'])
    const wrongKeys = client.cache.delete([1, 2] as unknown as string[])
    expect(code(await within(wrongKeys))).toEqual([400, 'validation_error'])
    await within(client.cache.set('word', 'abc'))
    expect(code(await within(client.cache.increment('word')))).toEqual([
      400,
      'cache_value_not_integer',
    ])
    expect(code(await within(client.cache.increment('n', 1.5)))).toEqual([400, 'validation_error'])
    const noTtl = client.cache.expire('word', undefined as unknown as number)
    expect(code(await within(noTtl))).toEqual([400, 'validation_error'])
    const badCursor = await within(client.cache.listKeys('*', 'bogus'))
    expect(code(badCursor)).toEqual([400, 'validation_error'])
    expect(code(await within(client.cache.listKeys('x'.repeat(2000))))).toEqual([
      400,
      'validation_error',
    ])
  })
})

describe.runIf(redis)('two servers on one Redis', () => {
  it('see the same cache', async () => {
    const target = pgTargets()[0]!
    const a = await startTestServer(target, { redisUrl: redis, app: { name: APP } })
    const b = await startTestServer(target, { redisUrl: redis, app: { name: APP } })
    try {
      const clientA = createClient(await a.server.listen(), a.clientKey)
      const clientB = createClient(await b.server.listen(), b.clientKey)
      await within(clientA.cache.set('shared:obj', { from: 'a' }))
      await within(clientB.cache.increment('shared:count', 2))
      expect((await within(clientB.cache.get('shared:obj'))).data).toEqual({ from: 'a' })
      expect((await within(clientA.cache.increment('shared:count'))).data).toEqual({ value: 3 })
    } finally {
      await a.close()
      await b.close()
    }
  })
})
