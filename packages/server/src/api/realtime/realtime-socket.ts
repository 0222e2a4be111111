import type { Server, Socket } from 'socket.io'
import type { RealtimeIdentity } from '../../core/realtime/realtime-handshake.js'
import type { JoinBudget } from '../../core/realtime/realtime-limits.js'

/** What the server keeps on each socket; `fetchSockets()` carries it across processes. */
export interface SocketData {
  identity: RealtimeIdentity
  /** The member profile set by `update`. */
  profile: unknown
  /** Joins made in the current rate window. */
  joins?: JoinBudget
}

/** The socket.io server of Basalt: event names are the app's own, so they stay untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RealtimeIo = Server<any, any, any, SocketData>

/** One connected socket. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RealtimeSocket = Socket<any, any, any, SocketData>
