import type { Queryable, Row } from '../../adapters/database/database.js'

/** An admin account, as the admin API shows it (never the password hash). */
export interface AdminAccount {
  id: string
  email: string
  createdAt: string
  lastSignInAt: string | null
}

/** An admin account with its password hash, for sign-in. */
export interface AdminCredentials extends AdminAccount {
  passwordHash: string
}

const COLUMNS = 'id, email, password_hash, created_at, last_sign_in_at'

/** Inserts an account; answers false when the email (any case) is taken. */
export async function insertAdmin(
  db: Queryable,
  admin: { id: string; email: string; passwordHash: string },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO basalt.admins (id, email, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING id`,
    [admin.id, admin.email, admin.passwordHash],
  )
  return rows.length === 1
}

/** The account of an email (any case), with its password hash. */
export async function findAdminByEmail(
  db: Queryable,
  email: string,
): Promise<AdminCredentials | undefined> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM basalt.admins WHERE lower(email) = lower($1)`,
    [email],
  )
  return rows[0] ? toCredentials(rows[0]) : undefined
}

/** Every account, oldest first. */
export async function listAdmins(db: Queryable): Promise<AdminAccount[]> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM basalt.admins ORDER BY created_at, id`)
  return rows.map((row) => toAccount(row))
}

/** Deletes the account of an email (its sessions go with it); answers whether one existed. */
export async function deleteAdmin(db: Queryable, email: string): Promise<boolean> {
  const rows = await db.query(
    'DELETE FROM basalt.admins WHERE lower(email) = lower($1) RETURNING id',
    [email],
  )
  return rows.length > 0
}

/** Stores a session of an account and records the sign-in. */
export async function insertAdminSession(
  db: Queryable,
  session: { tokenHash: string; adminId: string; expiresAt: Date },
): Promise<void> {
  await db.query(
    `WITH s AS (INSERT INTO basalt.admin_sessions (token_hash, admin_id, expires_at)
       VALUES ($1, $2, $3))
     UPDATE basalt.admins SET last_sign_in_at = now() WHERE id = $2`,
    [session.tokenHash, session.adminId, session.expiresAt],
  )
}

/** The account of a live session token hash. */
export async function findAdminBySession(
  db: Queryable,
  tokenHash: string,
): Promise<AdminAccount | undefined> {
  const rows = await db.query(
    `SELECT a.id, a.email, a.created_at, a.last_sign_in_at FROM basalt.admin_sessions s
     JOIN basalt.admins a ON a.id = s.admin_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [tokenHash],
  )
  return rows[0] ? toAccount(rows[0]) : undefined
}

/** Ends a session; expired sessions of every account are removed at the same time. */
export async function deleteAdminSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM basalt.admin_sessions WHERE token_hash = $1 OR expires_at <= now()', [
    tokenHash,
  ])
}

function toAccount(row: Row): AdminAccount {
  return {
    id: String(row.id),
    email: String(row.email),
    createdAt: (row.created_at as Date).toISOString(),
    lastSignInAt: row.last_sign_in_at ? (row.last_sign_in_at as Date).toISOString() : null,
  }
}

function toCredentials(row: Row): AdminCredentials {
  return { ...toAccount(row), passwordHash: String(row.password_hash) }
}
