import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, DEFAULT_CONFIG, parseServerConfig } from '@basalt/server'
import type { BasaltServer } from '@basalt/server'
import { pgTargets, redisUrl } from '../../../test-support/databases.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { connect, waitForEvent } from './realtime-helpers.js'
import type { Recorded } from './realtime-helpers.js'

// Two servers of one app on one Redis (the socket.io Redis adapter): channels, messages and
// members span both processes. Runs when BASALT_TEST_REDIS_URL is set.
const redis = redisUrl()

describe.skipIf(!redis)('realtime across two servers on one Redis', () => {
  const app = { name: `realtime-cluster-${randomBytes(4).toString('hex')}` }
  let a: TestServer
  let b: BasaltServer
  let urlA: string
  let urlB: string
  const sockets: Recorded[] = []

  beforeAll(async () => {
    a = await startTestServer(pgTargets()[0]!, { redisUrl: redis, app, port: 0 })
    // A second process of the same app: same database, same Redis.
    b = await createServer(
      parseServerConfig({
        ...DEFAULT_CONFIG,
        port: 0,
        logLevel: 'silent',
        dataDir: '/nonexistent-unused',
        databaseUrl: a.database.url,
        redisUrl: redis,
        app,
      }),
    )
    urlA = await a.server.listen()
    urlB = await b.listen()
  })
  afterAll(async () => {
    for (const s of sockets) s.socket.close()
    await b?.close()
    await a?.close()
  })

  const join = async (url: string, channel: string) => {
    const s = await connect(url, { echoMessages: true, clientKey: a.clientKey })
    sockets.push(s)
    s.socket.emit('join', { channel })
    await waitForEvent(s, 'channel:join')
    return s
  }

  it('delivers a message sent on B to a member on A, and lists members from either', async () => {
    const onA = await join(urlA, 'shared')
    const onB = await join(urlB, 'shared')
    expect(await waitForEvent(onA, 'channel:join', (p) => idOf(p) === onB.socket.id)).toBeTruthy()
    onB.socket.emit('message', { channel: 'shared', eventName: 'ping', message: 42, echo: false })
    expect(await waitForEvent(onA, 'ping')).toEqual({ channel: 'shared', message: 42 })

    for (const url of [urlA, urlB]) {
      const response = await fetch(`${url}/_api/rest/v1/realtime/get-members`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-client-key': a.clientKey },
        body: JSON.stringify({ channel: 'shared' }),
      })
      const members = (await response.json()) as { id: string }[]
      expect(members.map((m) => m.id).sort()).toEqual([onA.socket.id, onB.socket.id].sort())
    }

    b.realtime.broadcast('notice', 'from B')
    expect(await waitForEvent(onA, 'notice')).toEqual({ channel: null, message: 'from B' })
  })
})

function idOf(payload: unknown): string | undefined {
  return (payload as { message?: { id?: string } }).message?.id
}
