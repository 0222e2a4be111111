import type { Queryable } from '../../../adapters/database/database.js'
import { fail } from '../../../tools/errors.js'
import type { AuthContext } from '../../auth/auth-context.js'
import { announceSignOuts } from '../../auth/flows/shared.js'
import { toStored } from '../../auth/user-store.js'
import type { User } from '../../auth/user-types.js'

type UserRow = Parameters<typeof toStored>[0] & { disabled_at: Date | null }

/** A user as the admin API shows it: the protocol's user object, and whether it is disabled. */
export type AdminUser = User & { disabled: boolean; disabledAt: string | null }

/** What an admin may change on a user. */
export interface AdminUserChanges {
  emailVerified?: boolean | undefined
  phoneVerified?: boolean | undefined
  disabled?: boolean | undefined
}

/** The row as the admin API answers it (never the password hash). */
export function toAdminUser(row: UserRow): AdminUser {
  return {
    ...toStored(row).user,
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
  }
}

/** `%text%` for ILIKE, with the pattern characters of `text` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** One page of users, newest first; `search` matches part of the email, phone, name or id. */
export async function listUsers(
  db: Queryable,
  search: string | undefined,
  page: number,
  size: number,
): Promise<{ items: AdminUser[]; total: number }> {
  const pattern = search ? containsPattern(search) : null
  const rows = await db.query<UserRow & { total: string }>(
    `SELECT *, count(*) OVER () AS total FROM basalt.users
     WHERE $1::text IS NULL OR email ILIKE $1 OR phone ILIKE $1 OR name ILIKE $1 OR id ILIKE $1
     ORDER BY sign_up_at DESC, id DESC LIMIT $2 OFFSET $3`,
    [pattern, size, (page - 1) * size],
  )
  const total = rows[0] ? Number(rows[0].total) : await countUsers(db, pattern)
  return { items: rows.map(toAdminUser), total }
}

/** The user with this id, or 404 user_not_found. */
export async function getUser(db: Queryable, id: string): Promise<AdminUser> {
  const rows = await db.query<UserRow>('SELECT * FROM basalt.users WHERE id = $1', [id])
  if (!rows[0]) throw userNotFound(id)
  return toAdminUser(rows[0])
}

/**
 * Changes the verified flags and the disabled state of a user. Disabling ends every session of
 * the user (in every process) in the same transaction; enabling lets the user sign in again.
 */
export async function updateUser(
  ctx: AuthContext,
  id: string,
  changes: AdminUserChanges,
): Promise<AdminUser> {
  const { user, ended } = await ctx.db.transaction(async (tx) => {
    const rows = await tx.query<UserRow>(
      `UPDATE basalt.users SET
         email_verified = coalesce($2, email_verified),
         phone_verified = coalesce($3, phone_verified),
         disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at
           WHEN $4 THEN coalesce(disabled_at, now()) ELSE NULL END
       WHERE id = $1 RETURNING *`,
      [id, changes.emailVerified ?? null, changes.phoneVerified ?? null, changes.disabled ?? null],
    )
    if (!rows[0]) throw userNotFound(id)
    const ended = changes.disabled ? await ctx.sessions.endAll(tx, id) : []
    return { user: toAdminUser(rows[0]), ended }
  })
  announceSignOuts(ctx, id, ended)
  return user
}

async function countUsers(db: Queryable, pattern: string | null): Promise<number> {
  const rows = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM basalt.users
     WHERE $1::text IS NULL OR email ILIKE $1 OR phone ILIKE $1 OR name ILIKE $1 OR id ILIKE $1`,
    [pattern],
  )
  return Number(rows[0]?.n ?? 0)
}

/** `user_not_found` naming the id. */
export function userNotFound(id: string): Error {
  return fail('user_not_found', `No user has the id '${id}'.`, { id })
}
