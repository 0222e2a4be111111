import { fail } from '../../tools/errors.js'
import { approximateSize, REALTIME_LIMITS } from './realtime-limits.js'

/** A `join` or `leave` payload. */
export interface ChannelPayload {
  channel: string
  echo: boolean | undefined
}

/** An `update` payload. */
export interface UpdatePayload {
  data: unknown
  echo: boolean | undefined
}

/** A `message` payload; no `channel` means an app-wide broadcast. */
export interface MessagePayload {
  channel: string | undefined
  eventName: string
  message: unknown
  echo: boolean | undefined
}

// Names socket.io itself reserves, and the names whose meaning the server owns: a client may not
// forge a member event, a user event or an error.
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
  'error',
])
const RESERVED_PREFIXES = ['channel:', 'user:']

/** The channel of a `join` or `leave` payload, or a realtime_invalid_payload error. */
export function parseChannelPayload(payload: unknown): ChannelPayload {
  const body = objectOf(payload)
  return { channel: channelOf(body.channel), echo: echoOf(body.echo) }
}

/** The profile data of an `update` payload. */
export function parseUpdatePayload(payload: unknown): UpdatePayload {
  const body = objectOf(payload)
  return { data: body.data, echo: echoOf(body.echo) }
}

/** The parts of a `message` payload; a `channel` key with value null or undefined broadcasts. */
export function parseMessagePayload(payload: unknown): MessagePayload {
  const body = objectOf(payload)
  const channel = body.channel == null ? undefined : channelOf(body.channel)
  return {
    channel,
    eventName: eventNameOf(body.eventName),
    message: body.message,
    echo: echoOf(body.echo),
  }
}

function objectOf(payload: unknown): Record<string, unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw fail('realtime_invalid_payload', 'The event payload must be an object.')
  }
  const size = approximateSize(payload, REALTIME_LIMITS.MAX_PAYLOAD_BYTES)
  if (size > REALTIME_LIMITS.MAX_PAYLOAD_BYTES) {
    throw fail('realtime_payload_too_large', undefined, {
      limit: REALTIME_LIMITS.MAX_PAYLOAD_BYTES,
    })
  }
  return payload as Record<string, unknown>
}

function channelOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw fail('realtime_invalid_payload', 'The channel must be a non-empty string.')
  }
  if (value.length > REALTIME_LIMITS.MAX_CHANNEL_LENGTH) {
    throw fail(
      'realtime_invalid_payload',
      `The channel name is longer than ${REALTIME_LIMITS.MAX_CHANNEL_LENGTH} characters.`,
    )
  }
  return value
}

function eventNameOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw fail('realtime_invalid_payload', 'The eventName must be a non-empty string.')
  }
  if (value.length > REALTIME_LIMITS.MAX_EVENT_NAME_LENGTH) {
    throw fail(
      'realtime_invalid_payload',
      `The eventName is longer than ${REALTIME_LIMITS.MAX_EVENT_NAME_LENGTH} characters.`,
    )
  }
  if (isReservedEvent(value)) {
    throw fail('realtime_invalid_payload', `The event name '${value}' is reserved.`)
  }
  return value
}

/** Whether an event name belongs to socket.io or to the server. */
export function isReservedEvent(name: string): boolean {
  return RESERVED_EVENTS.has(name) || RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))
}

// Only a real boolean counts; anything else falls back to the handshake's echoMessages.
function echoOf(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined
}
