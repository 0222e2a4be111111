import type { Server as HttpServer } from 'node:http'
import { Server } from 'socket.io'
import type { ServerOptions } from 'socket.io'
import type { FastifyBaseLogger } from 'fastify'
import { channelRoom, userRoom } from '../../core/realtime/realtime-events.js'
import type { Member } from '../../core/realtime/realtime-events.js'
import { authorizeHandshake } from '../../core/realtime/realtime-handshake.js'
import type { HandshakeAuth, HandshakeDeps } from '../../core/realtime/realtime-handshake.js'
import type { RealtimeTransport } from '../../core/realtime/realtime-service.js'
import { isBasaltError, fail } from '../../tools/errors.js'
import type { RealtimeIo } from './realtime-socket.js'
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

// Engine.IO drops a connection whose single message is past this; smaller oversized payloads get
// an `error` event from the handlers instead.
const MAX_MESSAGE_BYTES = 1_000_000

/** Attaches socket.io at /socket.io/ to `httpServer`; any Host header is accepted. */
export function attachRealtime(httpServer: HttpServer, deps: RealtimeServerDeps): RealtimeServer {
  const io: RealtimeIo = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Keys carry the allowed domains; the handshake checks the origin against them.
    cors: { origin: true },
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  })
  io.use((socket, next) => {
    const origin = socket.handshake.headers.origin
    authorizeHandshake(deps, (socket.handshake.auth ?? {}) as HandshakeAuth, origin)
      .then((identity) => {
        socket.data.identity = identity
        socket.data.profile = undefined
        next()
      })
      .catch((error: unknown) => next(rejection(error, deps.logger)))
  })
  io.on('connection', (socket) => {
    // The user's room carries the user:* events; the Redis adapter spans it across processes.
    const userId = socket.data.identity.userId
    if (userId) void socket.join(userRoom(userId))
    registerSocketHandlers(io, socket)
  })
  return {
    io,
    emit: (channel, eventName, payload) => {
      ;(channel === null ? io : io.to(channelRoom(channel))).emit(eventName, payload)
    },
    emitToUser: (userId, eventName, args) => {
      io.to(userRoom(userId)).emit(eventName, ...args)
    },
    members: async (channel) => {
      const sockets = await io.in(channelRoom(channel)).fetchSockets()
      return sockets.map((socket): Member => ({ id: socket.id, data: socket.data.profile }))
    },
    close: async () => {
      io.engine.close()
      await io.of('/').adapter.close()
    },
  }
}

/** The `connect_error` the client sees: the message, and `data` as one error-envelope entry. */
function rejection(error: unknown, logger: FastifyBaseLogger): Error & { data: unknown } {
  if (!isBasaltError(error)) logger.error({ err: error }, 'realtime handshake failed')
  const failure = isBasaltError(error) ? error : fail('internal_server_error')
  return Object.assign(new Error(failure.message), { data: failure.toEntry() })
}
