import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRequire } from 'node:module'
import { REST_PREFIX } from '@basalt/protocol'
import { DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import { readOverview } from '../src/core/admin/overview/read-overview.js'
import { BLOG_MODELS } from '../../../test-support/blog-models.js'
import { pgTargets } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminTestServer } from '../../../test-support/admin.js'

const { version } = createRequire(import.meta.url)('../package.json') as { version: string }

describe.each(pgTargets())('admin overview on $name PostgreSQL', (target) => {
  let s: AdminTestServer

  beforeAll(async () => {
    s = await startAdminTestServer(target, { app: { name: 'Overview app', models: BLOG_MODELS } })
  })
  afterAll(() => s?.close())

  it('answers the app and counts of what it holds', async () => {
    const before = await s.call('GET', '/overview')
    expect(before.status).toBe(200)
    expect(before.body).toEqual({
      app: { name: 'Overview app', mode: 'development', version },
      // The root bucket and the development key exist from the first start.
      counts: { users: 0, models: 4, buckets: 1, files: 0, queues: 0, tasks: 0, keys: 1 },
    })

    const signUp = await s.t.server.app.inject({
      method: 'POST',
      url: `${REST_PREFIX}/auth/signup-email`,
      headers: { 'x-client-key': s.t.clientKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'ada@example.test', password: 'password-1' }),
    })
    expect(signUp.statusCode).toBe(200)
    await s.t.server.storage.upload(
      { userId: null },
      {
        bucket: 'photos',
        fileName: 'a.txt',
        createBucket: true,
        content: {
          body: Readable.from([Buffer.from('hello')]),
          contentType: 'text/plain',
          encoding: 'binary',
        },
      },
    )
    const key = (await s.call('POST', '/keys', { type: 'api' })).body.key
    await s.call('DELETE', `/keys/${key.id}`)

    const after = await s.call('GET', '/overview')
    // A revoked key is not counted.
    expect(after.body.counts).toEqual({
      users: 1,
      models: 4,
      buckets: 2,
      files: 1,
      queues: 0,
      tasks: 0,
      keys: 1,
    })
  })

  it('counts the declared queues and tasks', async () => {
    const config = parseServerConfig({
      ...DEFAULT_CONFIG,
      app: {
        queues: { mail: { handler: 'h.mjs#mail' }, resize: { handler: 'h.mjs#resize' } },
        tasks: { nightly: { handler: 'h.mjs#nightly', schedule: '0 3 * * *' } },
      },
    })
    const overview = await readOverview(s.t.server.database.db, s.t.server.db.catalog, config)
    expect(overview.counts).toMatchObject({ queues: 2, tasks: 1, models: 4 })
    expect(overview.app).toEqual({ name: 'Basalt', mode: 'development', version })
  })

  it('refuses calls without the admin token', async () => {
    const answer = await s.call('GET', '/overview', undefined, { authorization: '' })
    expect(answer.status).toBe(401)
    expect(answer.body.errors[0].code).toBe('admin_session_required')
  })
})
