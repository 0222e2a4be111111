/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of many shapes */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { pgTargets, redisUrl } from '../../../test-support/databases.js'
import { startAdminTestServer } from '../../../test-support/admin.js'
import type { AdminAnswer, AdminTestServer } from '../../../test-support/admin.js'
import { connect, waitForEvent } from './realtime-helpers.js'
import type { Recorded } from './realtime-helpers.js'

function expectError(answer: AdminAnswer, status: number, code: string) {
  expect(answer.status).toBe(status)
  expect(answer.body.errors[0]).toMatchObject({ code })
}

/** Polls the admin channel list until `done` holds (socket events reach the server async). */
async function channelsWhen(a: AdminTestServer, done: (body: any) => boolean, ms = 3000) {
  const deadline = Date.now() + ms
  for (;;) {
    const answer = await a.call('GET', '/realtime/channels')
    if (done(answer.body) || Date.now() > deadline) return answer
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

// Real socket.io-client sockets join channels; the admin API lists channels and members.
describe.each(pgTargets())('admin realtime on $name PostgreSQL', (target) => {
  let a: AdminTestServer
  let url: string
  const sockets: Recorded[] = []

  beforeAll(async () => {
    a = await startAdminTestServer(target)
    url = await a.t.server.listen()
  })
  afterAll(async () => {
    for (const s of sockets) s.socket.close()
    await a?.close()
  })

  const open = async (auth: Record<string, unknown> = {}) => {
    const s = await connect(url, { echoMessages: true, clientKey: a.t.clientKey, ...auth })
    sockets.push(s)
    return s
  }
  const join = async (s: Recorded, channel: string) => {
    s.socket.emit('join', { channel })
    await waitForEvent(s, 'channel:join', (p: any) => p.channel === channel)
  }

  it('lists channels with their members and the connected sockets, no private rooms', async () => {
    const signUp = await a.t.server.app.inject({
      method: 'POST',
      url: '/_api/rest/v1/auth/signup-email',
      headers: { 'x-client-key': a.t.clientKey, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'ada@example.test', password: 'correct horse 1' }),
    })
    // A signed-in socket is in its user's room too: that room is not a channel.
    const ada = await open({ Session: signUp.json().session.token })
    const bob = await open()
    const idle = await open()
    await join(ada, 'lobby')
    await join(bob, 'lobby')
    await join(bob, 'game:1')
    ada.socket.emit('update', { data: { name: 'Ada' } })
    await waitForEvent(ada, 'channel:update')

    const answer = await a.call('GET', '/realtime/channels')
    expect(answer.status).toBe(200)
    expect(answer.body.sockets).toBe(3)
    expect(answer.body.items.map((c: { channel: string }) => c.channel)).toEqual([
      'game:1',
      'lobby',
    ])
    expect(answer.body.items[0].members).toEqual([{ id: bob.socket.id, data: null }])
    expect(answer.body.items[1].members).toHaveLength(2)
    expect(answer.body.items[1].members).toEqual(
      expect.arrayContaining([
        { id: ada.socket.id, data: { name: 'Ada' } },
        { id: bob.socket.id, data: null },
      ]),
    )

    bob.socket.close()
    idle.socket.close()
    const after = await channelsWhen(a, (body) => body.sockets === 1)
    expect(after.body).toEqual({
      sockets: 1,
      items: [{ channel: 'lobby', members: [{ id: ada.socket.id, data: { name: 'Ada' } }] }],
    })
  })

  it('answers 401 without the admin token', async () => {
    const answer = await a.call('GET', '/realtime/channels', undefined, {
      authorization: '',
      'x-client-key': a.t.clientKey,
    })
    expectError(answer, 401, 'admin_session_required')
    const appSession = await a.call('GET', '/realtime/channels', undefined, {
      authorization: 'Bearer not-an-admin-token',
    })
    expect(appSession.status).toBe(401)
  })
})

// Two processes of one app on one Redis: the admin API of one lists the sockets of both.
const redis = redisUrl()
describe.skipIf(!redis)('admin realtime across two processes on one Redis', () => {
  const app = { name: `admin-realtime-${randomBytes(4).toString('hex')}` }
  let a: AdminTestServer
  let b: BasaltServer
  const sockets: Recorded[] = []

  beforeAll(async () => {
    a = await startAdminTestServer(pgTargets()[0]!, { redisUrl: redis, app } as never)
    await a.t.server.listen()
    b = await createServer(
      parseServerConfig({
        ...DEFAULT_CONFIG,
        port: 0,
        logLevel: 'silent',
        dataDir: '/nonexistent-unused',
        databaseUrl: a.t.database.url,
        redisUrl: redis,
        app,
      }),
    )
  })
  afterAll(async () => {
    for (const s of sockets) s.socket.close()
    await b?.close()
    await a?.close()
  })

  it('lists a member connected to the other process', async () => {
    const s = await connect(await b.listen(), { echoMessages: true, clientKey: a.t.clientKey })
    sockets.push(s)
    s.socket.emit('join', { channel: 'shared' })
    await waitForEvent(s, 'channel:join')
    const answer = await a.call('GET', '/realtime/channels')
    expect(answer.body).toEqual({
      sockets: 1,
      items: [{ channel: 'shared', members: [{ id: s.socket.id, data: null }] }],
    })
  })
})
