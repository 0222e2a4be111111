import type { Result } from '@basalt/protocol'
import type { AuthGrant, AuthResult, ErrorsResult } from './auth-types.js'
import type { Fetcher } from './fetcher.js'
import type { LocalSessionStore } from './local-session-store.js'
import type { Session } from './types.js'

/** What the auth flow modules need from the auth manager. */
export interface AuthContext {
  /** The client's transport. */
  readonly fetcher: Fetcher
  /** The stored session, or null. */
  getSession(): Session | null
  /** Removes the stored session and user (the `Session` header is kept). */
  clearLocalData(): void
  /** The auth-grant save: clear local data, store the truthy user/session, use the session. */
  saveGrant(grant: AuthGrant): void
}

/** The context of an auth manager whose local data is in `store`. */
export function createAuthContext(fetcher: Fetcher, store: LocalSessionStore): AuthContext {
  return {
    fetcher,
    getSession: () => store.session(),
    clearLocalData: () => store.clear(),
    saveGrant: ({ user, session }) => {
      store.clear()
      store.save(user, session)
      fetcher.setSession(session)
    },
  }
}

/** When a successful grant answer is saved locally. */
export type SaveWhen = 'always' | 'with-session'

/**
 * Turns a grant answer into `{user, session, errors}`, saving it locally on success (`always`, or
 * only when a session came back). An error answer leaves local data untouched.
 */
export function settleGrant(
  context: AuthContext,
  { data, errors }: Result<AuthGrant>,
  when: SaveWhen,
): AuthResult {
  if (errors) return { user: null, session: null, errors }
  // a 2xx without a JSON object body gives null fields instead of a TypeError
  const grant = { user: data?.user ?? null, session: data?.session ?? null }
  if (when === 'always' || grant.session) context.saveGrant(grant)
  return { ...grant, errors: null }
}

/** `{errors}` of a call whose answer body is ignored. */
export function errorsOf({ errors }: Result<unknown>): ErrorsResult {
  return { errors }
}
