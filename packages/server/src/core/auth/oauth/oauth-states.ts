import type { Queryable } from '../../../adapters/database/database.js'
import { hashSecret } from '../../../tools/secrets.js'

/**
 * A started sign-in, kept in the database (so any Basalt process can finish it) under the hash
 * of its `state` until the provider sends the browser back.
 */
export interface PendingSignIn {
  provider: string
  /** The PKCE verifier whose S256 challenge went to the provider. */
  codeVerifier: string
  /** The ID token nonce, for OpenID Connect providers. */
  nonce: string | null
  /** The callback URL sent to the provider; the token request must repeat it. */
  redirectUri: string
  /** Hash of the browser binding (a cookie), so only the browser that started may finish. */
  bindingHash: string
  /** Where the browser goes afterwards, when the start named one (else `auth.redirectUrl`). */
  appRedirectUrl?: string | undefined
}

type StateRow = {
  provider: string
  code_verifier: string
  nonce: string | null
  redirect_uri: string
  binding_hash: string
  app_redirect_url: string | null
  live: boolean
}

/** Stores a started sign-in for `ttlSeconds`, and drops the long-expired ones. */
export async function saveState(
  db: Queryable,
  state: string,
  pending: PendingSignIn,
  ttlSeconds: number,
): Promise<void> {
  await db.query(`DELETE FROM basalt.oauth_states WHERE expires_at < now()`)
  await db.query(
    `INSERT INTO basalt.oauth_states
       (state_hash, provider, code_verifier, nonce, redirect_uri, binding_hash, expires_at,
        app_redirect_url)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7), $8)`,
    [
      hashSecret(state),
      pending.provider,
      pending.codeVerifier,
      pending.nonce,
      pending.redirectUri,
      pending.bindingHash,
      ttlSeconds,
      pending.appRedirectUrl ?? null,
    ],
  )
}

/** Uses a state up: answers its sign-in once if unexpired, then never again. */
export async function takeState(db: Queryable, state: string): Promise<PendingSignIn | undefined> {
  if (!state) return undefined
  const rows = await db.query<StateRow>(
    `DELETE FROM basalt.oauth_states WHERE state_hash = $1
     RETURNING provider, code_verifier, nonce, redirect_uri, binding_hash, app_redirect_url,
       expires_at > now() AS live`,
    [hashSecret(state)],
  )
  const row = rows[0]
  if (!row?.live) return undefined
  return {
    provider: row.provider,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    redirectUri: row.redirect_uri,
    bindingHash: row.binding_hash,
    ...(row.app_redirect_url ? { appRedirectUrl: row.app_redirect_url } : {}),
  }
}
