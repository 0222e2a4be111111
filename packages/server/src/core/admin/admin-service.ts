import type { Database, Queryable } from '../../adapters/database/database.js'
import type { RateLimiter } from '../../adapters/rate-limit/rate-limiter.js'
import { fail } from '../../tools/errors.js'
import { newObjectId } from '../../tools/ids.js'
import { hashSecret, randomSecret } from '../../tools/secrets.js'
import { checkPassword, hashPassword } from '../auth/passwords.js'
import * as store from './admin-store.js'
import type { AdminAccount } from './admin-store.js'

/** How long an admin session lasts from sign-in. */
export const ADMIN_SESSION_TTL_MS = 12 * 3600 * 1000
/** The shortest admin password. */
export const MIN_ADMIN_PASSWORD_LENGTH = 12
/** Sign-in attempts allowed per email, and per client address, in one window. */
export const ADMIN_SIGN_IN_LIMITS = { perEmail: 10, perAddress: 30, windowMs: 15 * 60 * 1000 }

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/

/** A signed-in admin: the session token (shown once) and the account. */
export interface AdminSignIn {
  token: string
  expiresAt: string
  admin: AdminAccount
}

/** Admin accounts and their sessions (docs/admin-api.md). */
export class AdminService {
  constructor(
    private readonly db: Database,
    private readonly limiter: RateLimiter,
  ) {}

  /** Creates an account; the email must be free, the password 12 characters or more. */
  create(email: string, password: string): Promise<AdminAccount> {
    return createAdmin(this.db, email, password)
  }

  /** Every account. */
  list(): Promise<AdminAccount[]> {
    return store.listAdmins(this.db)
  }

  /** Deletes an account and its sessions. */
  delete(email: string): Promise<void> {
    return deleteAdmin(this.db, email)
  }

  /**
   * Signs in: a new session for the right email and password. Every attempt counts against the
   * email and the client address; past a limit the answer is 429 before any check.
   */
  async signIn(email: string, password: string, address: string): Promise<AdminSignIn> {
    const clean = email.trim().toLowerCase()
    await this.checkLimits(clean, address)
    const account = await store.findAdminByEmail(this.db, clean)
    const matches = await checkPassword(account?.passwordHash ?? null, password)
    if (!account || !matches) throw fail('invalid_admin_credentials')
    const token = randomSecret(32, 'adm_')
    const expiresAt = new Date(Date.now() + ADMIN_SESSION_TTL_MS)
    await store.insertAdminSession(this.db, {
      tokenHash: hashSecret(token),
      adminId: account.id,
      expiresAt,
    })
    const admin = { ...withoutHash(account), lastSignInAt: new Date().toISOString() }
    return { token, expiresAt: expiresAt.toISOString(), admin }
  }

  /** The account of a live session token, if any. */
  resolve(token: string): Promise<AdminAccount | undefined> {
    return store.findAdminBySession(this.db, hashSecret(token))
  }

  /** Ends a session. */
  signOut(token: string): Promise<void> {
    return store.deleteAdminSession(this.db, hashSecret(token))
  }

  /** Counts one attempt against the email's and the address's budgets (429 when spent). */
  private async checkLimits(email: string, address: string): Promise<void> {
    const { perEmail, perAddress, windowMs } = ADMIN_SIGN_IN_LIMITS
    const [byEmail, byAddress] = await Promise.all([
      this.limiter.hit(`admin-sign-in:email:${email}`, perEmail, windowMs),
      this.limiter.hit(`admin-sign-in:ip:${address}`, perAddress, windowMs),
    ])
    const blocked = [byEmail, byAddress].find((result) => !result.allowed)
    if (blocked) {
      throw fail('rate_limit_exceeded', 'Too many admin sign-in attempts; try again later.', {
        retryAfterMs: blocked.resetInMs,
      })
    }
  }
}

/** Creates an admin account (for `basalt admin create` too): checked email, strong password. */
export async function createAdmin(
  db: Queryable,
  email: string,
  password: string,
): Promise<AdminAccount> {
  const clean = email.trim()
  if (!EMAIL_PATTERN.test(clean)) throw fail('validation_error', 'The email is not valid.')
  if (password.length < MIN_ADMIN_PASSWORD_LENGTH) {
    throw fail(
      'validation_error',
      `The password must have ${MIN_ADMIN_PASSWORD_LENGTH} characters or more.`,
    )
  }
  const passwordHash = await hashPassword(password)
  if (!(await store.insertAdmin(db, { id: newObjectId(), email: clean, passwordHash }))) {
    throw fail('admin_already_exists')
  }
  const created = await store.findAdminByEmail(db, clean)
  if (!created) throw fail('admin_not_found')
  return withoutHash(created)
}

/** Deletes the admin account of an email, and its sessions. */
export async function deleteAdmin(db: Queryable, email: string): Promise<void> {
  if (!(await store.deleteAdmin(db, email.trim()))) throw fail('admin_not_found')
}

/** Every admin account, oldest first. */
export function listAdmins(db: Queryable): Promise<AdminAccount[]> {
  return store.listAdmins(db)
}

function withoutHash(account: store.AdminCredentials): AdminAccount {
  return {
    id: account.id,
    email: account.email,
    createdAt: account.createdAt,
    lastSignInAt: account.lastSignInAt,
  }
}
