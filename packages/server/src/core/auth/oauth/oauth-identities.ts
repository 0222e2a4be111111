import type { Queryable } from '../../../adapters/database/database.js'
import { findUserById, findUserByProvider } from '../user-store.js'
import type { StoredUser } from '../user-store.js'

/**
 * The user an OAuth account is linked to: by its row in `basalt.oauth_identities`, else by the
 * user's own `provider` and `providerUserId` (users imported from Altogic have only those).
 */
export async function findLinkedUser(
  db: Queryable,
  provider: string,
  providerUserId: string,
): Promise<StoredUser | undefined> {
  const rows = await db.query<{ user_id: string }>(
    `SELECT user_id FROM basalt.oauth_identities WHERE provider = $1 AND provider_user_id = $2`,
    [provider, providerUserId],
  )
  if (rows[0]) return findUserById(db, rows[0].user_id)
  return findUserByProvider(db, provider, providerUserId)
}

/** Links an OAuth account to a user (or notes a new sign-in when it already is). */
export async function linkIdentity(
  db: Queryable,
  link: { provider: string; providerUserId: string; userId: string; email: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO basalt.oauth_identities (provider, provider_user_id, user_id, email, last_login_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (provider, provider_user_id)
       DO UPDATE SET email = EXCLUDED.email, last_login_at = EXCLUDED.last_login_at`,
    [link.provider, link.providerUserId, link.userId, link.email],
  )
}
