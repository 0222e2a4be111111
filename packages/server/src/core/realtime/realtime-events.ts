/** Events a client emits (protocol §7.3). */
export const CLIENT_EVENTS = {
  join: 'join',
  leave: 'leave',
  update: 'update',
  message: 'message',
} as const

/** Events the server emits besides the app's own message names (protocol §7.4). */
export const SERVER_EVENTS = {
  join: 'channel:join',
  leave: 'channel:leave',
  update: 'channel:update',
  error: 'error',
} as const

/** One member of a channel, as `channel:*` events and get-members carry it. */
export interface Member {
  id: string
  data: unknown
}

/** The payload of every channel and message event: `channel` is null for a broadcast. */
export interface EventData {
  channel: string | null
  message: unknown
}

/** Socket rooms that stand for channels carry this prefix, so no channel is a socket id. */
const CHANNEL_ROOM_PREFIX = 'ch:'

/** The socket room of a channel. */
export function channelRoom(channel: string): string {
  return CHANNEL_ROOM_PREFIX + channel
}

/** The socket room of a signed-in user's sockets (never a channel room, never a socket id). */
export function userRoom(userId: string): string {
  return 'user:' + userId
}

/** The channel of a socket room, or undefined when the room is not a channel (a socket id). */
export function roomChannel(room: string): string | undefined {
  return room.startsWith(CHANNEL_ROOM_PREFIX) ? room.slice(CHANNEL_ROOM_PREFIX.length) : undefined
}

/** The socket room of a signed-in user's Agnost sockets, apart from the Altogic ones. */
export function agnostUserRoom(userId: string): string {
  return 'agnost-user:' + userId
}

/** The user events an Agnost client knows: it has no `user:update` nor `user:delete`. */
const AGNOST_USER_EVENTS: ReadonlySet<string> = new Set([
  'user:signin',
  'user:signout',
  'user:pwdchange',
  'user:emailchange',
  'user:phonechange',
])

/**
 * The positional args of a user event for Agnost sockets, from the Altogic ones
 * `(eventName, session[, user])`: always three, `(eventName, session, user | null)`; undefined
 * for an event Agnost does not have.
 */
export function agnostUserEventArgs(eventName: string, args: unknown[]): unknown[] | undefined {
  if (!AGNOST_USER_EVENTS.has(eventName)) return undefined
  const [name = eventName, session = null, user = null] = args
  return [name, session, user]
}
