import net from 'node:net'
import { createClient } from 'altogic'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { pgTargets } from '../../../test-support/databases.js'
import { memoryStorage } from '../../../test-support/memory-storage.js'
import { startTestServer } from '../../../test-support/server.js'
import type { TestServer } from '../../../test-support/server.js'
import { patchDns } from './realtime-dns.js'

// "A client that loses its connection reconnects, re-joins and keeps receiving", after a real
// network drop rather than a clean close: the published altogic@2.3.9 client talks to Basalt
// through a TCP proxy, and the proxy cuts the live connections (TCP RST) or stops accepting.
// The client's realtime URL is `realtime.<env host>:<env port>` (protocol §7.1), so an env URL
// on the proxy's port sends its socket (and its REST calls) through the proxy; a patched
// dns.lookup sends `*.basalt.test` to 127.0.0.1, as in realtime-altogic.test.ts.

type Client = ReturnType<typeof createClient>

let restoreDns = () => {}

/** A TCP proxy to 127.0.0.1:`targetPort` that can fail like a network. */
interface Proxy {
  readonly port: number
  /** Connections accepted so far. */
  readonly accepted: number
  /** Resets both ends of every live connection (RST); keeps listening. */
  drop(): void
  /**
   * Resets the client end of every live connection and leaves the server end open but silent:
   * the server is not told, as when a path dies without a FIN or RST reaching it.
   */
  dropClientSideOnly(): void
  /** Stops accepting (connections are refused) and resets every live connection. */
  stop(): Promise<void>
  /** Accepts again, on the same port. */
  resume(): Promise<void>
  close(): Promise<void>
}

async function startProxy(targetPort: number): Promise<Proxy> {
  interface Pair {
    client: net.Socket
    upstream: net.Socket
    silenced: boolean
  }
  const pairs = new Set<Pair>()
  let listener: net.Server | undefined
  let port = 0
  let accepted = 0

  const accept = (client: net.Socket) => {
    accepted += 1
    const upstream = net.connect(targetPort, '127.0.0.1')
    const pair: Pair = { client, upstream, silenced: false }
    pairs.add(pair)
    client.pipe(upstream)
    upstream.pipe(client)
    const end = () => {
      pairs.delete(pair)
      client.destroy()
      if (!pair.silenced) upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
  }
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const server = net.createServer(accept)
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as net.AddressInfo).port
        listener = server
        resolve()
      })
    })
  const drop = () => {
    for (const { client, upstream, silenced } of [...pairs]) {
      client.resetAndDestroy()
      if (!silenced) upstream.resetAndDestroy()
    }
  }
  const silenced: net.Socket[] = []
  const stop = async () => {
    const server = listener
    listener = undefined
    const closed = new Promise<void>((resolve) =>
      server ? server.close(() => resolve()) : resolve(),
    )
    drop()
    await closed
  }

  await listen()
  return {
    get port() {
      return port
    },
    get accepted() {
      return accepted
    },
    drop,
    dropClientSideOnly: () => {
      for (const pair of [...pairs]) {
        pair.silenced = true
        pair.upstream.unpipe(pair.client)
        pair.upstream.pause() // what the server sends from now on goes nowhere
        silenced.push(pair.upstream)
        pair.client.resetAndDestroy()
      }
    },
    stop,
    resume: listen,
    close: async () => {
      await stop()
      for (const upstream of silenced) upstream.destroy()
    },
  }
}

/** Events in arrival order; `until` resolves when an event makes `find` answer something. */
class EventLog {
  readonly entries: { name: string; args: unknown[] }[] = []
  readonly #waiters = new Set<() => void>()

  push(name: string, args: unknown[]): void {
    this.entries.push({ name, args })
    for (const waiter of [...this.#waiters]) waiter()
  }

  /** Entries named `name` after entry `from`. */
  named(name: string, from = 0): unknown[][] {
    return this.entries.slice(from).flatMap((entry) => (entry.name === name ? [entry.args] : []))
  }

  until<T>(find: () => T | undefined, what: string, ms = 5000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find()
        if (found === undefined) return
        settle()
        resolve(found)
      }
      const timer = setTimeout(() => {
        settle()
        const seen = this.entries.map((entry) => entry.name).join(', ')
        reject(new Error(`no ${what} within ${ms} ms; events: ${seen}`))
      }, ms)
      const settle = () => {
        clearTimeout(timer)
        this.#waiters.delete(check)
      }
      this.#waiters.add(check)
      check()
    })
  }

  /** The first `name` event after entry `from` whose first argument passes `match`. */
  next(name: string, from: number, match: (payload: unknown) => boolean = () => true) {
    return this.until(
      () => this.named(name, from).find((args) => match(args[0]))?.[0],
      `'${name}' event`,
    )
  }
}

/** Records a client's connection events and every event the server sends it. */
function record(client: Client): EventLog {
  const log = new EventLog()
  client.realtime.onConnect(() => log.push('connect', [client.realtime.getSocketId()]))
  client.realtime.onDisconnect((reason: string) => log.push('disconnect', [reason]))
  client.realtime.onError((error: Error) => log.push('connect_error', [error]))
  client.realtime.onReconnectAttempt((attempt: number) => log.push('reconnect_attempt', [attempt]))
  // The published types say ListenerFunction; the listener gets (eventName, ...args) (§7.5).
  const onAny = (name: string, ...args: unknown[]) => log.push(name, args)
  client.realtime.onAny(onAny as unknown as Parameters<Client['realtime']['onAny']>[0])
  return log
}

const memberId = (payload: unknown) => (payload as { message: { id: string } }).message.id
const messageOf = (payload: unknown) => (payload as { message: unknown }).message

describe.each(pgTargets())('realtime across a network drop on $name PostgreSQL', (target) => {
  let t: TestServer
  let proxy: Proxy
  let serverPort: string
  const clients: { client: Client; log: EventLog }[] = []

  /** A client whose socket goes through the proxy (`proxied`) or straight to the server. */
  const client = (proxied: boolean) => {
    const port = proxied ? proxy.port : serverPort
    const made = createClient(`http://api.basalt.test:${port}`, t.clientKey, {
      localStorage: memoryStorage(),
      realtime: {
        echoMessages: true,
        autoJoinChannels: true,
        bufferMessages: true,
        // socket.io-client backoff from 100 ms (doubling, randomised by 0.5, at most 5 s).
        reconnectionDelay: 100,
        timeout: 3000,
      },
    })
    const entry = { client: made, log: record(made) }
    clients.push(entry)
    return entry
  }
  /** Joins `channel` and waits for the server's echo of the join. */
  const joined = async (entry: { client: Client; log: EventLog }, channel: string) => {
    const from = entry.log.entries.length
    entry.client.realtime.join(channel)
    await entry.log.next(
      'channel:join',
      from,
      (p) => memberId(p) === entry.client.realtime.getSocketId(),
    )
  }
  const memberIds = async (channel: string) =>
    (await t.server.realtime.members(channel)).map((member) => member.id).sort()

  beforeAll(async () => {
    restoreDns = patchDns()
    t = await startTestServer(target)
    serverPort = new URL(await t.server.listen()).port
    proxy = await startProxy(Number(serverPort))
  })
  afterEach(async () => {
    // The published client's close() is a no-op unless connected: let a reconnect finish first.
    for (const { client, log } of clients.splice(0)) {
      if (!client.realtime.isConnected()) {
        await log.until(() => client.realtime.isConnected() || undefined, 'connect', 3000)
      }
      client.realtime.close()
    }
  })
  afterAll(async () => {
    await proxy?.close()
    restoreDns()
    await t?.close()
  })

  it('reconnects through the proxy, re-joins and keeps receiving after both ends are reset', async () => {
    const peer = client(false)
    await joined(peer, 'drop-1')
    const alice = client(true)
    alice.client.realtime.updateProfile({ name: 'Alice' })
    await joined(alice, 'drop-1')
    const oldId = alice.client.realtime.getSocketId()
    expect(proxy.accepted).toBeGreaterThan(0)

    // Before the drop: app code and another socket reach it.
    let from = alice.log.entries.length
    t.server.realtime.send('drop-1', 'note', { n: 1 })
    expect(messageOf(await alice.log.next('note', from))).toEqual({ n: 1 })
    from = alice.log.entries.length
    peer.client.realtime.send('drop-1', 'note', { n: 'peer-1' })
    expect(await alice.log.next('note', from)).toEqual({
      channel: 'drop-1',
      message: { n: 'peer-1' },
    })

    const beforeDrop = alice.log.entries.length
    const peerBeforeDrop = peer.log.entries.length
    const acceptedBeforeDrop = proxy.accepted
    proxy.drop()

    // The client sees the transport die (not a server-initiated disconnect) ...
    expect(await alice.log.next('disconnect', beforeDrop)).toMatch(/^transport (close|error)$/)
    // ... and the server sees it too: the peer is told the old socket left.
    await peer.log.next('channel:leave', peerBeforeDrop, (p) => memberId(p) === oldId)

    // It reconnects by itself, through the proxy, with a new socket id ...
    const newId = (await alice.log.next('connect', beforeDrop)) as string
    expect(newId).not.toBe(oldId)
    expect(proxy.accepted).toBeGreaterThan(acceptedBeforeDrop)
    // ... re-sends its profile and joins, and the server lets it back into the channel.
    const rejoin = await peer.log.next('channel:join', peerBeforeDrop, (p) => memberId(p) === newId)
    expect(rejoin).toEqual({ channel: 'drop-1', message: { id: newId, data: { name: 'Alice' } } })
    expect(await memberIds('drop-1')).toEqual([newId, peer.client.realtime.getSocketId()].sort())
    const viaRest = await alice.client.realtime.getMembers('drop-1')
    expect(viaRest.errors).toBeNull()
    expect(viaRest.data).toEqual(expect.arrayContaining([{ id: newId, data: { name: 'Alice' } }]))

    // After the drop: it keeps receiving, from app code and from the other socket.
    from = alice.log.entries.length
    t.server.realtime.send('drop-1', 'note', { n: 2 })
    expect(messageOf(await alice.log.next('note', from))).toEqual({ n: 2 })
    from = alice.log.entries.length
    peer.client.realtime.send('drop-1', 'note', { n: 'peer-2' })
    expect(messageOf(await alice.log.next('note', from))).toEqual({ n: 'peer-2' })
    expect(alice.log.named('note', beforeDrop).map(([p]) => messageOf(p))).toEqual([
      { n: 2 },
      { n: 'peer-2' },
    ])
  })

  it('keeps retrying while connections are refused, then re-joins and receives', async () => {
    const peer = client(false)
    await joined(peer, 'drop-2')
    const bob = client(true)
    bob.client.realtime.updateProfile({ name: 'Bob' })
    await joined(bob, 'drop-2')
    const oldId = bob.client.realtime.getSocketId()

    const beforeOutage = bob.log.entries.length
    const peerBeforeOutage = peer.log.entries.length
    const outageStart = Date.now()
    await proxy.stop()
    await bob.log.next('disconnect', beforeOutage)
    await peer.log.next('channel:leave', peerBeforeOutage, (p) => memberId(p) === oldId)
    expect(await memberIds('drop-2')).toEqual([peer.client.realtime.getSocketId()])

    // Emitted while offline: the client buffers it and sends it once reconnected (§7.6).
    bob.client.realtime.send('drop-2', 'note', { from: 'bob, offline' })

    // Reconnect attempts fail while nothing accepts; the network stays down for at least 1 s.
    await bob.log.until(
      () => (bob.log.named('connect_error', beforeOutage).length >= 3 ? true : undefined),
      'three refused reconnect attempts',
    )
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, 1000 - (Date.now() - outageStart))),
    )
    expect(bob.log.named('connect', beforeOutage)).toEqual([])
    expect(bob.client.realtime.isConnected()).toBe(false)
    const refused = bob.log.named('connect_error', beforeOutage).length
    const attempts = bob.log.named('reconnect_attempt', beforeOutage).length
    expect(attempts).toBeGreaterThanOrEqual(refused)

    await proxy.resume()
    const newId = (await bob.log.next('connect', beforeOutage)) as string
    expect(newId).not.toBe(oldId)
    const rejoin = await peer.log.next(
      'channel:join',
      peerBeforeOutage,
      (p) => memberId(p) === newId,
    )
    expect(rejoin).toEqual({ channel: 'drop-2', message: { id: newId, data: { name: 'Bob' } } })
    expect(await memberIds('drop-2')).toEqual([newId, peer.client.realtime.getSocketId()].sort())
    expect(
      messageOf(
        await peer.log.next(
          'note',
          peerBeforeOutage,
          (p) => (messageOf(p) as { from?: string }).from === 'bob, offline',
        ),
      ),
    ).toEqual({ from: 'bob, offline' })

    let from = bob.log.entries.length
    t.server.realtime.send('drop-2', 'note', { n: 3 })
    expect(messageOf(await bob.log.next('note', from))).toEqual({ n: 3 })
    from = bob.log.entries.length
    peer.client.realtime.send('drop-2', 'note', { n: 'peer-3' })
    expect(messageOf(await bob.log.next('note', from))).toEqual({ n: 'peer-3' })
  })

  it('reconnects and re-joins when only the client end is cut and the server is not told', async () => {
    const peer = client(false)
    await joined(peer, 'drop-3')
    const carol = client(true)
    await joined(carol, 'drop-3')
    const oldId = carol.client.realtime.getSocketId()

    const beforeDrop = carol.log.entries.length
    const peerBeforeDrop = peer.log.entries.length
    proxy.dropClientSideOnly()
    const newId = (await carol.log.next('connect', beforeDrop)) as string
    expect(newId).not.toBe(oldId)
    await peer.log.next('channel:join', peerBeforeDrop, (p) => memberId(p) === newId)
    // The old socket is not asserted either way: the server cannot know it is gone, so it stays
    // listed (and peers get no channel:leave) until the engine.io heartbeat gives up on it,
    // pingInterval + pingTimeout = 45 s with socket.io's defaults.
    const ids = await memberIds('drop-3')
    expect(ids).toContain(newId)
    expect(ids).toContain(peer.client.realtime.getSocketId())

    const from = carol.log.entries.length
    t.server.realtime.send('drop-3', 'note', { n: 4 })
    peer.client.realtime.send('drop-3', 'note', { n: 'peer-4' })
    await carol.log.until(
      () => (carol.log.named('note', from).length >= 2 ? true : undefined),
      'two notes',
    )
    expect(carol.log.named('note', from).map(([p]) => messageOf(p))).toEqual([
      { n: 4 },
      { n: 'peer-4' },
    ])
  })
})
