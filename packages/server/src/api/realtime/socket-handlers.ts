import { isBasaltError } from '../../tools/errors.js'
import {
  CLIENT_EVENTS,
  SERVER_EVENTS,
  channelRoom,
  roomChannel,
} from '../../core/realtime/realtime-events.js'
import type { EventData, Member } from '../../core/realtime/realtime-events.js'
import { REALTIME_LIMITS, takeJoin } from '../../core/realtime/realtime-limits.js'
import {
  parseChannelPayload,
  parseMessagePayload,
  parseUpdatePayload,
} from '../../core/realtime/realtime-payloads.js'
import { fail } from '../../tools/errors.js'
import type { RealtimeIo, RealtimeSocket } from './realtime-socket.js'

type Handler = (io: RealtimeIo, socket: RealtimeSocket, payload: unknown) => void

/** Wires the four client events of protocol §7.3 and the leave-on-disconnect of §7.4. */
export function registerSocketHandlers(io: RealtimeIo, socket: RealtimeSocket): void {
  const handlers: Record<string, Handler> = {
    [CLIENT_EVENTS.join]: onJoin,
    [CLIENT_EVENTS.leave]: onLeave,
    [CLIENT_EVENTS.update]: onUpdate,
    [CLIENT_EVENTS.message]: onMessage,
  }
  for (const [event, handler] of Object.entries(handlers)) {
    socket.on(event, (payload: unknown) => guarded(() => handler(io, socket, payload), socket))
  }
  socket.on('disconnecting', () => {
    for (const channel of channelsOf(socket)) {
      socket.to(channelRoom(channel)).emit(SERVER_EVENTS.leave, memberEvent(socket, channel))
    }
  })
}

/** A bad payload answers an `error` event; nothing a client sends may throw out of a handler. */
function guarded(run: () => void, socket: RealtimeSocket): void {
  try {
    run()
  } catch (error) {
    const failure = isBasaltError(error) ? error : fail('internal_server_error')
    socket.emit(SERVER_EVENTS.error, {
      code: failure.code,
      message: failure.message,
      ...(failure.details ? { details: failure.details } : {}),
    })
  }
}

function onJoin(io: RealtimeIo, socket: RealtimeSocket, payload: unknown): void {
  const { channel, echo } = parseChannelPayload(payload)
  const room = channelRoom(channel)
  // The client re-sends its joins on every connect: a second join changes nothing.
  if (socket.rooms.has(room)) return
  socket.data.joins ??= { count: 0, windowStart: Date.now() }
  if (!takeJoin(socket.data.joins)) {
    throw fail('rate_limit_exceeded', 'Too many joins; try again later.', {
      limit: REALTIME_LIMITS.MAX_JOINS_PER_WINDOW,
      windowMs: REALTIME_LIMITS.JOIN_WINDOW_MS,
    })
  }
  if (channelsOf(socket).length >= REALTIME_LIMITS.MAX_CHANNELS_PER_SOCKET) {
    throw fail('realtime_too_many_channels', undefined, {
      limit: REALTIME_LIMITS.MAX_CHANNELS_PER_SOCKET,
    })
  }
  void socket.join(room)
  toChannel(io, socket, room, echoOf(socket, echo)).emit(
    SERVER_EVENTS.join,
    memberEvent(socket, channel),
  )
}

function onLeave(_io: RealtimeIo, socket: RealtimeSocket, payload: unknown): void {
  const { channel, echo } = parseChannelPayload(payload)
  const room = channelRoom(channel)
  if (!socket.rooms.has(room)) return
  void socket.leave(room)
  const event = memberEvent(socket, channel)
  socket.to(room).emit(SERVER_EVENTS.leave, event)
  if (echoOf(socket, echo)) socket.emit(SERVER_EVENTS.leave, event)
}

function onUpdate(io: RealtimeIo, socket: RealtimeSocket, payload: unknown): void {
  const { data, echo } = parseUpdatePayload(payload)
  socket.data.profile = data
  const withSender = echoOf(socket, echo)
  for (const channel of channelsOf(socket)) {
    toChannel(io, socket, channelRoom(channel), withSender).emit(
      SERVER_EVENTS.update,
      memberEvent(socket, channel),
    )
  }
}

function onMessage(io: RealtimeIo, socket: RealtimeSocket, payload: unknown): void {
  const { channel, eventName, message, echo } = parseMessagePayload(payload)
  const withSender = echoOf(socket, echo)
  const event: EventData = { channel: channel ?? null, message }
  if (channel === undefined) {
    ;(withSender ? io : socket.broadcast).emit(eventName, event)
  } else {
    // Sending to a channel one has not joined is allowed, as on the successor platform.
    toChannel(io, socket, channelRoom(channel), withSender).emit(eventName, event)
  }
}

/** The sockets of a room, the sender included or not. */
function toChannel(io: RealtimeIo, socket: RealtimeSocket, room: string, withSender: boolean) {
  return withSender ? io.to(room) : socket.to(room)
}

/** The echo of an event: its payload's, else the handshake's `echoMessages`. */
function echoOf(socket: RealtimeSocket, echo: boolean | undefined): boolean {
  return echo ?? socket.data.identity.echoMessages
}

function channelsOf(socket: RealtimeSocket): string[] {
  const channels: string[] = []
  for (const room of socket.rooms) {
    const channel = roomChannel(room)
    if (channel !== undefined) channels.push(channel)
  }
  return channels
}

/** The `{channel, message: {id, data}}` of channel:join, channel:leave and channel:update. */
function memberEvent(socket: RealtimeSocket, channel: string): EventData {
  const member: Member = { id: socket.id, data: socket.data.profile }
  return { channel, message: member }
}
