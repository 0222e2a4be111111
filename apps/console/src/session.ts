import type { Admin } from './api.js'

const TOKEN_KEY = 'basalt.admin.token'
const ADMIN_KEY = 'basalt.admin.account'

export interface StoredSession {
  token: string
  admin: Admin | null
}

/** The admin session kept in sessionStorage (gone when the tab closes). */
export function loadSession(): StoredSession | null {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY)
    if (!token) return null
    const admin = sessionStorage.getItem(ADMIN_KEY)
    return { token, admin: admin ? (JSON.parse(admin) as Admin) : null }
  } catch {
    return null
  }
}

/** Keeps the token (and the admin, to show in the header) for this tab. */
export function saveSession(session: StoredSession): void {
  sessionStorage.setItem(TOKEN_KEY, session.token)
  if (session.admin) sessionStorage.setItem(ADMIN_KEY, JSON.stringify(session.admin))
}

/** Forgets the session. */
export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY)
  sessionStorage.removeItem(ADMIN_KEY)
}
