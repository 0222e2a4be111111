import { io, type Socket } from 'socket.io-client'
import { APIBase } from './api-base.js'
import { checkRequired } from './check-required.js'
import type { Fetcher } from './fetcher.js'
import type { ClientSettings } from './options.js'
import type {
  AnyListenerFunction,
  ListenerFunction,
  MembersResult,
  UserEventListenerFunction,
} from './realtime-types.js'
import { USER_EVENTS } from './realtime-types.js'
import { resolveRealtimeTarget } from './realtime-url.js'

const GET_MEMBERS = '/_api/rest/v1/realtime/get-members'

/** Opens the socket of a realtime manager (the Altogic one by default). */
export type SocketOpener = (fetcher: Fetcher, settings: ClientSettings) => Socket

/** Opens the socket of §7.1-§7.2; the auth object is built once and reused on reconnects. */
function openSocket(fetcher: Fetcher, settings: ClientSettings): Socket {
  const { realtime } = settings
  const target = resolveRealtimeTarget(fetcher.getBaseUrl(), settings.realtimeUrl)
  return io(target.realtimeUrl, {
    reconnection: true,
    reconnectionDelay: realtime.reconnectionDelay,
    timeout: realtime.timeout,
    transports: ['websocket', 'polling'],
    auth: {
      echoMessages: realtime.echoMessages,
      subdomain: target.subdomain,
      envId: target.envId,
      clientKey: fetcher.getClientKey(),
      Session: fetcher.getSessionToken(),
    },
  })
}

/**
 * Pub/sub messaging over socket.io (§7). The socket connects when the manager is created, with
 * the session token held at that moment. Joined channels and the last profile are remembered and
 * sent again on every connect when `autoJoinChannels` is on.
 */
export class RealtimeManager extends APIBase {
  readonly #socket: Socket
  readonly #autoJoinChannels: boolean
  readonly #echoMessages: boolean
  readonly #bufferMessages: boolean
  readonly #channels = new Map<string, boolean>()
  #userData: unknown = null

  /** Creates the manager and starts connecting (with `open`: Agnost's socket, say). */
  constructor(fetcher: Fetcher, settings: ClientSettings, open: SocketOpener = openSocket) {
    super(fetcher)
    this.#autoJoinChannels = settings.realtime.autoJoinChannels
    this.#echoMessages = settings.realtime.echoMessages
    this.#bufferMessages = settings.realtime.bufferMessages
    this.#socket = open(fetcher, settings)
    this.#socket.on('connect', () => {
      if (this.#autoJoinChannels) this.#rejoin()
    })
  }

  /** Sends the remembered profile, then joins every remembered channel (§7.6). */
  #rejoin(): void {
    if (this.#userData) this.updateProfile(this.#userData, this.#echoMessages)
    this.#channels.forEach((echo, channel) => this.join(channel, echo))
  }

  /** Emits `message`, buffered or volatile per `bufferMessages`; `echo` is kept either way. */
  #emitMessage(payload: object): void {
    if (this.#bufferMessages) this.#socket.emit('message', payload)
    else this.#socket.volatile.emit('message', payload)
  }

  /** Listens to `connect`, which also fires on every reconnection. */
  onConnect(listener: () => void): void {
    if (listener) this.#socket.on('connect', listener)
  }

  /** Listens to reconnection attempts; the listener gets the attempt number. */
  onReconnectAttempt(listener: (attemptNumber: number) => void): void {
    if (listener) this.#socket.io.on('reconnect_attempt', listener)
  }

  /** Listens to disconnections; the listener gets the reason (`transport close`, ...). */
  onDisconnect(listener: (reason: string) => void): void {
    if (listener) this.#socket.on('disconnect', listener)
  }

  /** Listens to `connect_error`; a server rejection carries `{origin, code, message}` in `data`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onError(listener: (error: any) => void): void {
    if (listener) this.#socket.on('connect_error', listener)
  }

  /** Connects the socket again if it is disconnected. */
  open(): void {
    if (this.#socket.disconnected) this.#socket.open()
  }

  /** Closes the socket if it is connected; it does not reconnect on its own. */
  close(): void {
    if (this.#socket.connected) this.#socket.close()
  }

  /** The id of the underlying socket (undefined while disconnected). */
  getSocketId(): string {
    return this.#socket.id as string
  }

  /** Whether the socket is connected. */
  isConnected(): boolean {
    return this.#socket.connected
  }

  /** Listens to an event (any name). */
  on(eventName: string, listener: ListenerFunction): void {
    if (listener) this.#socket.on(eventName, listener)
  }

  /** Listens to every incoming event; the listener gets the event name, then its arguments. */
  onAny(listener: AnyListenerFunction | ListenerFunction): void {
    if (listener) this.#socket.onAny(listener)
  }

  /** Listens to the next occurrence of an event only. */
  once(eventName: string, listener: ListenerFunction): void {
    if (listener) this.#socket.once(eventName, listener)
  }

  /** Removes a listener, every listener of an event, or every listener when called bare. */
  off(eventName?: string, listener?: ListenerFunction): void {
    this.#socket.off(eventName, listener)
  }

  /** Removes a catch-all listener, or all of them when called bare (fixed: see docs). */
  offAny(listener?: AnyListenerFunction | ListenerFunction): void {
    this.#socket.offAny(listener)
  }

  /** The listeners of an event. */
  getListeners(eventName: string): ListenerFunction[] {
    return this.#socket.listeners(eventName)
  }

  /** Sends `eventName` to every connected member of the app; throws without an event name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  broadcast(eventName: string, message: any, echo?: boolean): void {
    checkRequired('eventName', eventName)
    this.#emitMessage({ eventName, message, echo })
  }

  /** Sends `eventName` to the members of `channel`; throws without a channel or event name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(channel: string, eventName: string, message: any, echo?: boolean): void {
    checkRequired('channel', channel)
    checkRequired('eventName', eventName)
    this.#emitMessage({ channel, eventName, message, echo })
  }

  /** Joins a channel and remembers it (with its echo) for re-joining on reconnect. */
  join(channel: string, echo?: boolean): void {
    checkRequired('channel', channel)
    this.#socket.emit('join', { channel, echo })
    this.#channels.set(channel, echo ?? this.#echoMessages)
  }

  /** Leaves a channel and forgets it. */
  leave(channel: string, echo?: boolean): void {
    checkRequired('channel', channel)
    this.#socket.emit('leave', { channel, echo })
    this.#channels.delete(channel)
  }

  /** Sets this member's profile data, tells the joined channels, and remembers it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  updateProfile(data: any, echo?: boolean): void {
    this.#socket.emit('update', { data, echo })
    this.#userData = data
  }

  /** Listens to `channel:join` events. */
  onJoin(listener: ListenerFunction): void {
    if (listener) this.#socket.on('channel:join', listener)
  }

  /** Listens to `channel:leave` events. */
  onLeave(listener: ListenerFunction): void {
    if (listener) this.#socket.on('channel:leave', listener)
  }

  /** Listens to `channel:update` events. */
  onUpdate(listener: ListenerFunction): void {
    if (listener) this.#socket.on('channel:update', listener)
  }

  /** The members of a channel, from the REST API; rejects without a channel. */
  async getMembers(channel: string): Promise<MembersResult> {
    checkRequired('channel', channel)
    return this.fetcher.post<MembersResult['data']>(GET_MEMBERS, { channel })
  }

  /** Registers one listener on the 7 `user:*` events; it gets `(eventName, session)`. */
  onUserEvent(listener: UserEventListenerFunction): void {
    if (!listener) return
    for (const event of USER_EVENTS) this.#socket.on(event, listener)
  }
}
