import type { Session, User } from './user-types.js'

/** The realtime events a user's sockets receive (protocol §7.4, backend §4.6). */
export type UserEventName =
  | 'user:signin'
  | 'user:signout'
  | 'user:update'
  | 'user:delete'
  | 'user:pwdchange'
  | 'user:emailchange'
  | 'user:phonechange'

/**
 * Where auth flows announce what happened to a user: the realtime service implements it. Flows
 * call it after their transaction commits, so a rolled-back change announces nothing. `session`
 * is in its listed shape (the token is the session's public id, never the secret).
 */
export interface UserEvents {
  emit(userId: string, event: UserEventName, session: Session | null, user?: User): void
}

/** Announces nothing: for an auth context without realtime. */
export const NO_USER_EVENTS: UserEvents = { emit: () => undefined }
