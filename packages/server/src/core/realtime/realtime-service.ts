import { fail } from '../../tools/errors.js'
import type { Member } from './realtime-events.js'
import { isReservedEvent } from './realtime-payloads.js'

/** Every channel with members and the number of connected sockets, across every process. */
export interface RealtimeSnapshot {
  sockets: number
  channels: { channel: string; members: Member[] }[]
}

/**
 * How the realtime service reaches sockets across every process: the socket.io server
 * implements it (src/api/realtime). Channels are channel names, not socket rooms.
 */
export interface RealtimeTransport {
  /** Emits an event to every socket in a channel, or to every socket when `channel` is null. */
  emit(channel: string | null, eventName: string, payload: unknown): void
  /** The members of a channel on every process. */
  members(channel: string): Promise<Member[]>
  /**
   * Emits an event with positional args to every socket whose handshake session is the user's;
   * Agnost sockets get the args of `agnostUserEventArgs` instead (or nothing).
   */
  emitToUser(userId: string, eventName: string, args: unknown[]): void
  /** The connected sockets and the channels they are in, on every process. */
  snapshot(): Promise<RealtimeSnapshot>
}

/** Realtime for app code: send to a channel, broadcast, list members. */
export class RealtimeService {
  #transport: RealtimeTransport | undefined

  /** Connects the service to the socket server; calls made before then fail. */
  attach(transport: RealtimeTransport): void {
    this.#transport = transport
  }

  /** Sends `{channel, message}` as `eventName` to every member of a channel. */
  send(channel: string, eventName: string, message: unknown): void {
    if (!channel) throw fail('realtime_invalid_payload', 'The channel must be a non-empty string.')
    this.#transportOf().emit(channel, checkedEventName(eventName), { channel, message })
  }

  /** Sends `{channel: null, message}` as `eventName` to every connected socket. */
  broadcast(eventName: string, message: unknown): void {
    this.#transportOf().emit(null, checkedEventName(eventName), { channel: null, message })
  }

  /** The sockets in a channel, with their profile data, across every process. */
  members(channel: string): Promise<Member[]> {
    return this.#transportOf().members(channel)
  }

  /** The number of connected sockets and every channel with its members (the admin console). */
  snapshot(): Promise<RealtimeSnapshot> {
    return this.#transportOf().snapshot()
  }

  /**
   * Emits `eventName` with positional `args` to every socket, on every process, whose handshake
   * session belongs to the user: the `user:*` events of protocol §7.4. Before the socket server
   * is attached no socket exists, so the event is dropped.
   */
  emitToUser(userId: string, eventName: string, ...args: unknown[]): void {
    this.#transport?.emitToUser(userId, eventName, args)
  }

  #transportOf(): RealtimeTransport {
    if (!this.#transport) throw fail('service_unavailable', 'Realtime is not started.')
    return this.#transport
  }
}

function checkedEventName(eventName: string): string {
  if (!eventName || isReservedEvent(eventName)) {
    throw fail('realtime_invalid_payload', `The event name '${eventName}' cannot be sent.`)
  }
  return eventName
}
