import { describe, expect, it } from 'vitest'
import type { Database } from '../src/adapters/database/database.js'
import { checkHealth } from '../src/core/health/check-health.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'

const [embedded] = pgTargets()

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new connections, then closes the database', async () => {
    const t = await startTestServer(embedded!)
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let entered!: () => void
    const inside = new Promise<void>((resolve) => (entered = resolve))
    t.server.app.get('/slow', async () => {
      entered()
      await gate
      return { finished: true }
    })
    const url = await t.server.listen()

    const inFlight = fetch(`${url}/slow`)
    await inside
    const closing = t.server.close()
    await expect(fetch(`${url}/_api/health`)).rejects.toThrow() // no longer accepting
    release()
    const res = await inFlight
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ finished: true })
    await closing
    await expect(t.server.database.db.query('SELECT 1')).rejects.toThrow()
    await t.database.drop()
  })
})

describe('health', () => {
  const fakeDb = (ping: () => Promise<number>) => ({ ping }) as unknown as Database

  it('reports the database up with its latency', async () => {
    expect(await checkHealth(fakeDb(async () => 1.234))).toEqual({
      status: 'ok',
      database: { status: 'up', latencyMs: 1.23 },
    })
  })

  it('reports the database down when the ping fails or never answers', async () => {
    const failing = await checkHealth(fakeDb(async () => Promise.reject(new Error('ECONNREFUSED'))))
    expect(failing).toEqual({
      status: 'degraded',
      database: { status: 'down', error: 'ECONNREFUSED' },
    })
    const hanging = await checkHealth(
      fakeDb(() => new Promise<number>(() => {})),
      50,
    )
    expect(hanging.database).toMatchObject({
      status: 'down',
      error: expect.stringMatching(/no answer/),
    })
  })
})
