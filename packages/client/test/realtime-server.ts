import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server, type Socket } from 'socket.io'
import { createClient, type AltogicClient, type ClientOptions } from '../src/index.js'

/** An event a client socket sent to the server. */
export interface ReceivedEvent {
  socketId: string
  event: string
  args: unknown[]
}

/** A real socket.io 4 server on 127.0.0.1 that records what clients send. */
export interface RealtimeServer {
  url: string
  io: Server
  received: ReceivedEvent[]
  /** The next socket to connect (or the one that already did and was not taken yet). */
  connection(): Promise<Socket>
  /** Resolves once `count` events have been received in total. */
  receivedCount(count: number): Promise<ReceivedEvent[]>
  close(): Promise<void>
}

/** Starts a socket.io server on a free port. */
export async function startRealtimeServer(): Promise<RealtimeServer> {
  const http = createServer()
  const io = new Server(http)
  const received: ReceivedEvent[] = []
  const sockets: Socket[] = []
  const socketWaiters: ((socket: Socket) => void)[] = []
  let countWaiters: { count: number; resolve: () => void }[] = []
  const notify = () => {
    countWaiters = countWaiters.filter((w) => (received.length >= w.count ? w.resolve() : true))
  }
  io.on('connection', (socket) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      received.push({ socketId: socket.id, event, args })
      notify()
    })
    const waiter = socketWaiters.shift()
    if (waiter) waiter(socket)
    else sockets.push(socket)
  })
  http.listen(0, '127.0.0.1')
  await once(http, 'listening')
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    io,
    received,
    connection: () => {
      const ready = sockets.shift()
      return ready ? Promise.resolve(ready) : new Promise((r) => socketWaiters.push(r))
    },
    receivedCount: async (count) => {
      if (received.length < count)
        await new Promise<void>((r) => countWaiters.push({ count, resolve: r }))
      return received
    },
    close: async () => {
      await io.close()
    },
  }
}

/** A client whose realtime connection goes to `server` (and REST to `envUrl`). */
export function realtimeClient(
  server: RealtimeServer,
  options: ClientOptions = {},
  envUrl = 'http://localhost:1',
): AltogicClient {
  return createClient(envUrl, 'ck-1', {
    localStorage: undefined,
    realtimeUrl: server.url,
    ...options,
    realtime: { reconnectionDelay: 20, ...options.realtime },
  })
}

/** Resolves once the client's realtime socket is connected. */
export function connected(client: AltogicClient): Promise<void> {
  if (client.realtime.isConnected()) return Promise.resolve()
  return new Promise((resolve) => client.realtime.onConnect(() => resolve()))
}
