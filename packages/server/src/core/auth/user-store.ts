import type { Queryable } from '../../adapters/database/database.js'
import type { User } from './user-types.js'

type UserRow = {
  id: string
  provider: string
  provider_user_id: string | null
  email: string | null
  phone: string | null
  password_hash: string | null
  name: string | null
  profile_picture: string | null
  email_verified: boolean
  phone_verified: boolean
  sign_up_at: Date
  last_login_at: Date | null
  data: Record<string, unknown>
}

/** A stored user with the password hash, for the auth flows only. */
export interface StoredUser {
  user: User
  passwordHash: string | null
}

/** The fields a new user is created with. */
export interface NewUser {
  id: string
  provider?: string
  providerUserId?: string | null
  email?: string | null
  phone?: string | null
  passwordHash?: string | null
  name?: string | null
  profilePicture?: string | null
  emailVerified?: boolean
  phoneVerified?: boolean
  data?: Record<string, unknown>
}

/** Columns a flow may change on an existing user. */
export type UserChanges = Partial<{
  email: string
  phone: string
  password_hash: string
  name: string | null
  profile_picture: string | null
  email_verified: boolean
  phone_verified: boolean
  last_login_at: Date
}>

/** Inserts a user; throws the driver's unique violation (23505) when email or phone is taken. */
export async function insertUser(db: Queryable, user: NewUser): Promise<StoredUser> {
  const rows = await db.query<UserRow>(
    `INSERT INTO basalt.users (id, provider, provider_user_id, email, phone, password_hash, name,
       profile_picture, email_verified, phone_verified, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [
      user.id,
      user.provider ?? 'basalt',
      user.providerUserId ?? null,
      user.email ?? null,
      user.phone ?? null,
      user.passwordHash ?? null,
      user.name ?? null,
      user.profilePicture ?? null,
      user.emailVerified ?? false,
      user.phoneVerified ?? false,
      user.data ?? {},
    ],
  )
  return toStored(rows[0]!)
}

/** The user with this email, compared case-insensitively. */
export async function findUserByEmail(db: Queryable, email: string) {
  return one(db, 'SELECT * FROM basalt.users WHERE lower(email) = lower($1)', [email])
}

/** The user with this E.164 phone number. */
export async function findUserByPhone(db: Queryable, phone: string) {
  return one(db, 'SELECT * FROM basalt.users WHERE phone = $1', [phone])
}

/** The user with this id. */
export async function findUserById(db: Queryable, id: string) {
  return one(db, 'SELECT * FROM basalt.users WHERE id = $1', [id])
}

/** The user linked to this OAuth provider account. */
export async function findUserByProvider(db: Queryable, provider: string, providerUserId: string) {
  return one(db, 'SELECT * FROM basalt.users WHERE provider = $1 AND provider_user_id = $2', [
    provider,
    providerUserId,
  ])
}

/** Applies changes to a user and answers it as it is now. */
export async function updateUser(
  db: Queryable,
  id: string,
  changes: UserChanges,
): Promise<StoredUser | undefined> {
  const entries = Object.entries(changes)
  if (entries.length === 0) return findUserById(db, id)
  // Column names come from the UserChanges type, never from a request.
  const sets = entries.map(([column], index) => `${column} = $${index + 2}`).join(', ')
  const rows = await db.query<UserRow>(
    `UPDATE basalt.users SET ${sets} WHERE id = $1 RETURNING *`,
    [id, ...entries.map(([, value]) => value)],
  )
  return rows[0] && toStored(rows[0])
}

async function one(db: Queryable, sql: string, params: unknown[]) {
  const rows = await db.query<UserRow>(sql, params)
  return rows[0] && toStored(rows[0])
}

/** A `basalt.users` row as the stored user: the protocol's user object and the hash. */
export function toStored(row: UserRow): StoredUser {
  return {
    passwordHash: row.password_hash,
    user: {
      ...row.data,
      _id: row.id,
      provider: row.provider,
      providerUserId: row.provider_user_id,
      email: row.email,
      phone: row.phone,
      name: row.name,
      profilePicture: row.profile_picture,
      emailVerified: row.email_verified,
      phoneVerified: row.phone_verified,
      signUpAt: row.sign_up_at.toISOString(),
      lastLoginAt: row.last_login_at?.toISOString() ?? null,
    },
  }
}
