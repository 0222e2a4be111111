import type { APIError, Session, User } from './types.js'

/** A realtime event as delivered to listeners: `channel` is null for an app-wide broadcast. */
export interface EventData {
  channel: string | null
  // `any` as published: apps read their own message fields without casts
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  message: any
}

/** A listener of one realtime event. */
export type ListenerFunction = (payload: EventData) => void

/** A catch-all listener: it receives the event name first, then the event's arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyListenerFunction = (eventName: string, ...args: any[]) => void

/** A channel member: its socket id and its profile data (`updateProfile`). */
export interface MemberData {
  id: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any
}

/** What `realtime.getMembers` resolves to. */
export interface MembersResult {
  data: MemberData[] | null
  errors: APIError | null
}

/** A listener of the `user:*` events: the event name and the session that caused it, or null. */
export type UserEventListenerFunction = (
  eventName: string,
  session: Session | null,
  /** The user, on the events that carry it (Agnost sockets get it on every user event). */
  user?: User | null,
) => void

/** The 7 user and session lifecycle events `onUserEvent` listens to (§7.4). */
export const USER_EVENTS = Object.freeze([
  'user:signin',
  'user:signout',
  'user:update',
  'user:delete',
  'user:pwdchange',
  'user:emailchange',
  'user:phonechange',
] as const)
