/** The session a request carries, as the auth module resolves it. */
export interface RequestSession {
  userId: string
  token: string
}

/** Turns a `Session` header into a session; the auth module provides the real one. */
export interface SessionResolver {
  /** The live session for this token, or undefined when it is unknown, expired or signed out. */
  resolve(token: string): Promise<RequestSession | undefined>
}
