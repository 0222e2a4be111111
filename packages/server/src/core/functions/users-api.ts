import type { AdminRecords } from '../admin/admin-records.js'
import type { AdminUser, AdminUserChanges } from '../admin/users/admin-users.js'
import { updateUser } from '../admin/users/admin-users.js'
import { revokeUserSessions } from '../admin/users/admin-sessions.js'
import type { AuthContext } from '../auth/auth-context.js'

/** A page of users. */
export interface UsersPage {
  items: AdminUser[]
  total: number
}

/**
 * User management with the app's full rights, for handlers (`api.users`): what an admin does in
 * the console, on any user, without a session. Failures throw catalog errors (`user_not_found`).
 */
export interface UsersApi {
  /** The user with this id (`user_not_found` when there is none). */
  get(userId: string): Promise<AdminUser>
  /** Users newest first; `search` matches part of the email, phone, name or id. */
  list(options?: { search?: string; page?: number; size?: number }): Promise<UsersPage>
  /** Marks email or phone verified, or disables (ending every session) or enables a user. */
  update(userId: string, changes: AdminUserChanges): Promise<AdminUser>
  /** Ends every session of a user; answers how many ended. */
  revokeSessions(userId: string): Promise<number>
}

/** The users API over the admin records and the auth context. */
export function createUsersApi(records: AdminRecords, auth: AuthContext): UsersApi {
  return {
    get: (userId) => records.getUser(userId),
    list: ({ search, page = 1, size = 50 } = {}) =>
      records.listUsers(search, Math.max(1, page), Math.min(Math.max(1, size), 1000)),
    update: (userId, changes) => updateUser(auth, userId, changes),
    revokeSessions: (userId) => revokeUserSessions(auth, userId),
  }
}
