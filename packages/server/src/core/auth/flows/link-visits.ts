import { fail } from '../../../tools/errors.js'
import { hashSecret } from '../../../tools/secrets.js'
import type { AuthContext } from '../auth-context.js'
import { consumeToken, GRANT_TTL_SECONDS, issueToken } from '../one-time-tokens.js'
import { updateUser } from '../user-store.js'
import type { StoredUser } from '../user-store.js'

/** The links mail carries, as `/_auth/<link>?token=...`. */
export type AuthLink = 'verify-email' | 'magic-link' | 'reset-pwd' | 'change-email'

/** Where a followed link sends the browser: the app, with an access token and the action. */
export interface LinkOutcome {
  action: AuthLink
  accessToken: string
  /** The redirect URL the link was sent with (allow-listed then); the app's default when absent. */
  redirectUrl?: string
}

/**
 * Handles a followed mail link. Confirmation, magic and email-change links are used up here and
 * answered with a short-lived grant token for `getAuthGrant`; a reset link is only checked, its
 * token going on to the app, which spends it with `resetPwdWithToken`.
 */
export async function followLink(
  ctx: AuthContext,
  link: AuthLink,
  token: string,
): Promise<LinkOutcome> {
  if (!token) throw fail('invalid_token')
  if (link === 'reset-pwd') return checkResetToken(ctx, token)
  const { outcome, changed } = await ctx.db.transaction(async (tx) => {
    const used = await consumeToken(tx, link, token)
    if (!used) throw fail('invalid_token')
    let changed: StoredUser | undefined
    if (link === 'change-email') {
      const newEmail = String(used.data.newEmail)
      changed = await updateUser(tx, used.userId, { email: newEmail, email_verified: true }).catch(
        (error: { code?: string }) => {
          throw error.code === '23505' ? fail('email_already_exists') : error
        },
      )
    } else {
      await updateUser(tx, used.userId, { email_verified: true })
    }
    const grant = await issueToken(tx, 'grant', used.userId, GRANT_TTL_SECONDS)
    const outcome: LinkOutcome = { action: link, accessToken: grant, ...redirectOf(used.data) }
    return { outcome, changed }
  })
  // A followed link carries no session.
  if (changed) ctx.events.emit(changed.user._id, 'user:emailchange', null, changed.user)
  return outcome
}

async function checkResetToken(ctx: AuthContext, token: string): Promise<LinkOutcome> {
  const rows = await ctx.db.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM basalt.auth_tokens WHERE token_hash = $1 AND purpose = 'reset-pwd'
       AND used_at IS NULL AND expires_at > now()`,
    [hashSecret(token)],
  )
  const row = rows[0]
  if (!row) throw fail('invalid_token')
  return { action: 'reset-pwd', accessToken: token, ...redirectOf(row.data) }
}

function redirectOf(data: Record<string, unknown>): { redirectUrl?: string } {
  return typeof data.redirectUrl === 'string' ? { redirectUrl: data.redirectUrl } : {}
}
