/** The modules a client key may grant (the protocol's MODULES). */
export const MODULES = ['auth', 'db', 'storage', 'cache', 'queue', 'task', 'realtime', 'endpoint']

export const ACCESS_MODES = ['full', 'read-only', 'allow', 'deny'] as const

export type AccessMode = (typeof ACCESS_MODES)[number]

/** A key as `GET /keys` lists it (never its secret). */
export interface AdminKey {
  id: string
  type: 'client' | 'api'
  name: string
  prefix: string
  createdAt: string
  expiresAt: string | null
  revokedAt: string | null
  domains: string[]
  modules: string[]
  enforceSession: boolean
  rateLimit: { max: number; windowSeconds: number } | null
  access: AccessMode
  endpoints: string[]
}

/** What a key may do, in a few words. */
export function describeRights(key: AdminKey): string {
  if (key.type === 'api') {
    const listed = key.access === 'allow' || key.access === 'deny'
    return listed ? `${key.access}: ${key.endpoints.join(', ')}` : `${key.access} access`
  }
  const parts = [key.modules.length ? key.modules.join(', ') : 'no modules']
  if (key.enforceSession) parts.push('session required')
  if (key.rateLimit) parts.push(`${key.rateLimit.max} / ${key.rateLimit.windowSeconds}s`)
  return parts.join(' · ')
}

/** Whether a key still works: not revoked and not expired. */
export function keyState(key: AdminKey, now = Date.now()): 'active' | 'revoked' | 'expired' {
  if (key.revokedAt) return 'revoked'
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired'
  return 'active'
}
