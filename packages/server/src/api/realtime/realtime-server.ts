import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'
import type { ServerOptions } from 'socket.io'
import type { FastifyBaseLogger } from 'fastify'
import {
  agnostUserEventArgs,
  agnostUserRoom,
  channelRoom,
  roomChannel,
  userRoom,
} from '../../core/realtime/realtime-events.js'
import type { Member } from '../../core/realtime/realtime-events.js'
import {
  authorizeAgnostHandshake,
  authorizeHandshake,
} from '../../core/realtime/realtime-handshake.js'
import type {
  HandshakeAuth,
  HandshakeDeps,
  RealtimeIdentity,
} from '../../core/realtime/realtime-handshake.js'
import type { RealtimeSnapshot, RealtimeTransport } from '../../core/realtime/realtime-service.js'
import { isBasaltError, fail } from '../../tools/errors.js'
import type { RealtimeIo, RealtimeSocket } from './realtime-socket.js'
import { registerSocketHandlers } from './socket-handlers.js'

/** What the socket server needs. */
export interface RealtimeServerDeps extends HandshakeDeps {
  logger: FastifyBaseLogger
  /** The socket.io adapter: the Redis one when several processes share the sockets. */
  adapter?: ServerOptions['adapter']
}

/** The socket.io server of protocol §7, on the HTTP server Fastify listens with. */
export interface RealtimeServer extends RealtimeTransport {
  readonly io: RealtimeIo
  /** Drops every socket of this process (clients reconnect elsewhere) and closes the adapter. */
  close(): Promise<void>
}

/**
 * The Engine.IO path of Agnost clients. The client asks for `/realtime/realtime/`; a proxy that
 * strips the first `/realtime` (as Agnost's ingress did) leaves `/realtime/`. Engine.IO matches
 * its path as a prefix, so this one path answers both (a second engine at `/realtime/realtime/`
 * would take the same WebSocket upgrades twice: upgrade listeners all run).
 */
export const AGNOST_REALTIME_PATH = '/realtime/'

// Engine.IO drops a connection whose single message is past this; smaller oversized payloads get
// an `error` event from the handlers instead.
const MAX_MESSAGE_BYTES = 1_000_000

/**
 * Attaches socket.io to `httpServer`: Altogic clients at /socket.io/, Agnost clients at
 * AGNOST_REALTIME_PATH. One socket.io server behind several Engine.IO servers, so channels,
 * broadcasts, members and the adapter are shared by both kinds of socket. Any Host is accepted.
 */
export function attachRealtime(httpServer: HttpServer, deps: RealtimeServerDeps): RealtimeServer {
  const io: RealtimeIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Keys carry the allowed domains; the handshake checks the origin against them.
    cors: { origin: true },
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  })
  const engines = attachAgnostEngine(io, httpServer)
  io.use((socket, next) => {
    authorize(deps, socket)
      .then((identity) => {
        socket.data.identity = identity
        socket.data.profile = undefined
        next()
      })
      .catch((error: unknown) => next(rejection(error, deps.logger)))
  })
  io.on('connection', (socket) => {
    // The user's room carries the user:* events; the Redis adapter spans it across processes.
    const { userId, client } = socket.data.identity
    if (userId) void socket.join(client === 'agnost' ? agnostUserRoom(userId) : userRoom(userId))
    registerSocketHandlers(io, socket)
  })
  return {
    io,
    emit: (channel, eventName, payload) => {
      ;(channel === null ? io : io.to(channelRoom(channel))).emit(eventName, payload)
    },
    emitToUser: (userId, eventName, args) => {
      io.to(userRoom(userId)).emit(eventName, ...args)
      const agnostArgs = agnostUserEventArgs(eventName, args)
      if (agnostArgs) io.to(agnostUserRoom(userId)).emit(eventName, ...agnostArgs)
    },
    members: async (channel) => {
      const sockets = await io.in(channelRoom(channel)).fetchSockets()
      return sockets.map((socket): Member => ({ id: socket.id, data: socket.data.profile }))
    },
    snapshot: async () => snapshotOf(await io.fetchSockets()),
    close: async () => {
      for (const engine of engines) engine.close()
      await io.of('/').adapter.close()
    },
  }
}

/**
 * Channels and members of sockets fetched on every process. Only channel rooms count: a
 * socket's own room and the user rooms are not channels.
 */
function snapshotOf(sockets: Awaited<ReturnType<RealtimeIo['fetchSockets']>>): RealtimeSnapshot {
  const channels = new Map<string, Member[]>()
  for (const socket of sockets) {
    for (const room of socket.rooms) {
      const channel = roomChannel(room)
      if (channel === undefined) continue
      const members = channels.get(channel) ?? []
      members.push({ id: socket.id, data: socket.data.profile ?? null })
      channels.set(channel, members)
    }
  }
  const sorted = [...channels].sort(([a], [b]) => (a < b ? -1 : 1))
  return {
    sockets: sockets.length,
    channels: sorted.map(([channel, members]) => ({ channel, members })),
  }
}

/**
 * Binds a second Engine.IO server, at the Agnost path, to `io` (socket.io's `attach` again on the
 * same HTTP server). Each Engine.IO server answers the requests under its path and passes the
 * others on, finally to Fastify. Answers both engines; `io.engine` stays Altogic's.
 */
function attachAgnostEngine(io: RealtimeIo, httpServer: HttpServer): RealtimeIo['engine'][] {
  const altogic = io.engine
  // Altogic's engine already ends upgrades nobody took; a second timer per upgrade is not needed.
  io.attach(httpServer, { path: AGNOST_REALTIME_PATH, destroyUpgrade: false })
  const agnost = io.engine
  io.engine = altogic
  return [altogic, agnost]
}

/** The identity of a connecting socket, by the handshake of the path it came on. */
function authorize(deps: HandshakeDeps, socket: RealtimeSocket): Promise<RealtimeIdentity> {
  const { url, headers } = socket.handshake
  const auth = (socket.handshake.auth ?? {}) as HandshakeAuth
  const agnost = url.startsWith(AGNOST_REALTIME_PATH)
  return (agnost ? authorizeAgnostHandshake : authorizeHandshake)(deps, auth, headers.origin)
}

/** The `connect_error` the client sees: the message, and `data` as one error-envelope entry. */
function rejection(error: unknown, logger: FastifyBaseLogger): Error & { data: unknown } {
  if (!isBasaltError(error)) logger.error({ err: error }, 'realtime handshake failed')
  const failure = isBasaltError(error) ? error : fail('internal_server_error')
  return Object.assign(new Error(failure.message), { data: failure.toEntry() })
}
