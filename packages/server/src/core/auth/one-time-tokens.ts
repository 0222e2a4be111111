import type { Queryable } from '../../adapters/database/database.js'
import { hashSecret, randomSecret } from '../../tools/secrets.js'

/** What a one-time link token is for. */
export type TokenPurpose = 'verify-email' | 'magic-link' | 'reset-pwd' | 'change-email' | 'grant'

/** How long the grant token of a followed link or an OAuth sign-in lives. */
export const GRANT_TTL_SECONDS = 10 * 60

/** The data of a mailed link's token: its per-request redirect URL, when one was given. */
export function linkData(redirectUrl: string | undefined): Record<string, unknown> {
  return redirectUrl ? { redirectUrl } : {}
}

/** A consumed token: whose, and what it carried. */
export interface ConsumedToken {
  userId: string
  data: Record<string, unknown>
}

/**
 * Issues a single-use token (256 bits, URL-safe, so it survives unencoded query strings) for a
 * purpose; only its hash is stored.
 */
export async function issueToken(
  db: Queryable,
  purpose: TokenPurpose,
  userId: string,
  ttlSeconds: number,
  data: Record<string, unknown> = {},
): Promise<string> {
  const token = randomSecret(32)
  await db.query(
    `INSERT INTO basalt.auth_tokens (token_hash, purpose, user_id, data, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [hashSecret(token), purpose, userId, data, ttlSeconds],
  )
  return token
}

/** Uses a token up: answers its owner once, then never again; undefined if unknown or expired. */
export async function consumeToken(
  db: Queryable,
  purpose: TokenPurpose,
  token: string,
): Promise<ConsumedToken | undefined> {
  if (!token) return undefined
  const rows = await db.query<{ user_id: string; data: Record<string, unknown> }>(
    `UPDATE basalt.auth_tokens SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING user_id, data`,
    [hashSecret(token), purpose],
  )
  const row = rows[0]
  return row && { userId: row.user_id, data: row.data }
}
