import type { APIError, Session, User } from './types.js'

/** The OAuth providers `signInWithProvider` accepts. */
export type OAuthProvider = 'google' | 'facebook' | 'twitter' | 'apple' | 'discord' | 'github'

/** The third sign-up argument: a name, or extra user fields (`emailVerified: true`, ...). */
export type NameOrUserData = string | Partial<User>

/** The body of sign-up, sign-in, grant and verify answers. */
export interface AuthGrant {
  user: User | null
  session: Session | null
}

/** What the sign-up, sign-in, grant and verify methods resolve to. */
export interface AuthResult {
  user: User | null
  session: Session | null
  errors: APIError | null
}

/** What the methods answering a user resolve to. */
export interface UserResult {
  user: User | null
  errors: APIError | null
}

/** What `getAllSessions` resolves to. */
export interface SessionsResult {
  sessions: Session[] | null
  errors: APIError | null
}

/** What the methods whose answer body is ignored resolve to. */
export interface ErrorsResult {
  errors: APIError | null
}

/**
 * The parts of a server-side request the cookie helpers read: `cookies` (cookie-parser, Next.js)
 * or the raw `Cookie` header. Node's IncomingMessage, Express and Next.js requests fit.
 */
export interface CookieRequest {
  cookies?: Partial<Record<string, string>>
  headers?: { cookie?: string }
}

/** The parts of a server-side response the cookie helpers write (Node's ServerResponse fits). */
export interface CookieResponse {
  getHeader(name: string): unknown
  setHeader(name: string, value: string[]): unknown
}
