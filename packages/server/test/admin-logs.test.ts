import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminTestServer } from '../../../test-support/admin.js'

/** A server whose `/boom` route fails unexpectedly (a 500), added before the first request. */
async function startWithBoom(
  target: Parameters<typeof startAdminTestServer>[0],
  logLevel: 'info' | 'silent',
) {
  const s = await startAdminTestServer(target, { logLevel })
  s.t.server.app.get('/boom', async () => {
    throw new Error('out of cheese')
  })
  return s
}

const get = (s: AdminTestServer, url: string) => s.t.server.app.inject({ method: 'GET', url })

describe.each(pgTargets())('admin logs at info on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startWithBoom(target, 'info')
  })
  afterAll(() => s?.close())

  it('lists this process requests newest first, and server errors with code and message', async () => {
    const boom = await get(s, '/boom?apikey=bak_secret&page=2')
    expect(boom.statusCode).toBe(500)
    expect(boom.json().errors[0].message).not.toContain('cheese')
    const missing = await get(s, '/nothing-here')
    expect(missing.statusCode).toBe(404)

    const requests = await s.call('GET', '/logs?size=2')
    expect(requests.status).toBe(200)
    expect(requests.body).toMatchObject({ page: 1, size: 2 })
    expect(requests.body.total).toBeGreaterThanOrEqual(2)
    const [last, before] = requests.body.items
    expect(last).toMatchObject({ method: 'GET', url: '/nothing-here', status: 404 })
    expect(last).not.toHaveProperty('error')
    expect(before).toEqual({
      time: expect.any(String),
      requestId: boom.headers['x-request-id'],
      method: 'GET',
      // Credentials in the query are not kept.
      url: '/boom?apikey=***&page=2',
      status: 500,
      ms: expect.any(Number),
      error: { code: 'internal_server_error', message: 'out of cheese' },
    })
    expect(Date.parse(before.time)).toBeLessThanOrEqual(Date.parse(last.time))

    const errors = await s.call('GET', '/logs?kind=errors')
    expect(errors.body).toMatchObject({ total: 1, items: [{ url: '/boom?apikey=***&page=2' }] })
    expect(errors.body.items[0].error.message).toBe('out of cheese')
  })

  it('refuses a bad kind, and calls without the admin token', async () => {
    const bad = await s.call('GET', '/logs?kind=everything')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].code).toBe('validation_error')
    const anonymous = await s.call('GET', '/logs', undefined, { authorization: '' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0].code).toBe('admin_session_required')
  })
})

describe.each(pgTargets())('admin logs below info on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startWithBoom(target, 'silent')
  })
  afterAll(() => s?.close())

  it('still keeps server errors, without a request line per request', async () => {
    const boom = await get(s, '/boom')
    expect(boom.statusCode).toBe(500)
    const errors = await s.call('GET', '/logs?kind=errors')
    expect(errors.body).toMatchObject({ page: 1, size: 50, total: 1 })
    expect(errors.body.items[0]).toMatchObject({
      requestId: boom.headers['x-request-id'],
      url: '/boom',
      status: 500,
      error: { code: 'internal_server_error', message: 'out of cheese' },
    })
    const requests = await s.call('GET', '/logs')
    expect(requests.body).toEqual({ items: [], page: 1, size: 50, total: 0 })
  })
})
