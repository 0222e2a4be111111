import { createClient } from 'altogic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { patchDns } from './realtime-dns.js'

// The published altogic@2.3.9 client's `client.realtime`, unmodified. It derives its socket URL
// from the env URL (protocol §7.1): `http://api.basalt.test:<port>` gives
// `http://realtime.api.basalt.test:<port>`, which a patched dns.lookup sends to 127.0.0.1.

type Client = ReturnType<typeof createClient>

let restoreDns = () => {}

const waitFor = async <T>(
  read: () => T | undefined | Promise<T | undefined>,
  ms = 4000,
): Promise<T> => {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`nothing within ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('realtime through the published altogic client', () => {
  let t: TestServer
  let envUrl: string
  const clients: Client[] = []
  const client = (key = t.clientKey, echoMessages = true) => {
    const made = createClient(envUrl, key, {
      localStorage: memoryStorage(),
      realtime: { echoMessages, autoJoinChannels: true, bufferMessages: true },
    })
    clients.push(made)
    return made
  }

  beforeAll(async () => {
    restoreDns = patchDns()
    t = await startTestServer(pgTargets()[0]!)
    const port = new URL(await t.server.listen()).port
    envUrl = `http://api.basalt.test:${port}`
  })
  afterAll(async () => {
    for (const made of clients) made.realtime.close()
    restoreDns()
    await t.close()
  })

  it('joins, sends, hears messages and lists members', async () => {
    const alice = client()
    const bob = client()
    const heard: unknown[] = []
    const joins: unknown[] = []
    bob.realtime.on('greeting', (payload) => heard.push(payload))
    bob.realtime.onJoin((payload) => joins.push(payload))
    alice.realtime.updateProfile({ name: 'Alice' })
    bob.realtime.join('lobby')
    await waitFor(() =>
      joins.find(
        (p) => (p as { message: { id: string } }).message.id === bob.realtime.getSocketId(),
      ),
    )
    alice.realtime.join('lobby')
    await waitFor(() => (joins.length >= 2 ? true : undefined))
    expect(joins[1]).toEqual({
      channel: 'lobby',
      message: { id: alice.realtime.getSocketId(), data: { name: 'Alice' } },
    })

    alice.realtime.send('lobby', 'greeting', { text: 'hello' })
    expect(await waitFor(() => heard[0])).toEqual({ channel: 'lobby', message: { text: 'hello' } })

    const members = await alice.realtime.getMembers('lobby')
    expect(members.errors).toBeNull()
    expect(members.data).toEqual(
      expect.arrayContaining([
        { id: alice.realtime.getSocketId(), data: { name: 'Alice' } },
        { id: bob.realtime.getSocketId() },
      ]),
    )
    expect(members.data).toHaveLength(2)
  })

  it('updates profiles, broadcasts, leaves, and reconnects after close and open', async () => {
    const carol = client()
    const dave = client()
    const updates: unknown[] = []
    const leaves: unknown[] = []
    const news: unknown[] = []
    dave.realtime.onUpdate((payload) => updates.push(payload))
    dave.realtime.onLeave((payload) => leaves.push(payload))
    dave.realtime.on('news', (payload) => news.push(payload))
    dave.realtime.join('hall')
    carol.realtime.join('hall')
    await waitFor(() => (carol.realtime.isConnected() && dave.realtime.isConnected()) || undefined)
    await waitFor(
      async () => (await dave.realtime.getMembers('hall')).data?.length === 2 || undefined,
    )

    carol.realtime.updateProfile({ mood: 'happy' })
    expect(await waitFor(() => updates[0])).toEqual({
      channel: 'hall',
      message: { id: carol.realtime.getSocketId(), data: { mood: 'happy' } },
    })
    carol.realtime.broadcast('news', { headline: 'all hands' })
    expect(await waitFor(() => news[0])).toMatchObject({ message: { headline: 'all hands' } })
    carol.realtime.leave('hall')
    expect(await waitFor(() => leaves[0])).toMatchObject({
      channel: 'hall',
      message: { id: carol.realtime.getSocketId() },
    })

    dave.realtime.close()
    await waitFor(() => (!dave.realtime.isConnected() ? true : undefined))
    dave.realtime.open()
    await waitFor(() => (dave.realtime.isConnected() ? true : undefined))
    // autoJoinChannels: the remembered channel is joined again on the new connection.
    await waitFor(async () => {
      const { data } = await carol.realtime.getMembers('hall')
      return data?.some((m: { id: string }) => m.id === dave.realtime.getSocketId()) || undefined
    })
  })

  it('reports a refused handshake through onError, with the error entry', async () => {
    const stranger = client('ck-unknown')
    const error = await new Promise<Error & { data?: unknown }>((resolve) =>
      stranger.realtime.onError(resolve),
    )
    expect(error.data).toMatchObject({ origin: 'client_error', code: 'invalid_client_key' })
    expect(stranger.realtime.isConnected()).toBe(false)
  })
})
