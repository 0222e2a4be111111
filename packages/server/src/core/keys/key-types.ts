import type { ModuleName } from '@basalt/protocol'

/** Client keys protect the built-in modules; API keys protect the app's endpoints. */
export type KeyType = 'client' | 'api'

/** What an API key may call: everything, GET only, only listed endpoints, or all but listed. */
export type ApiAccess = 'full' | 'read-only' | 'allow' | 'deny'

/** A request budget: `max` calls per `windowSeconds`, counted per key and client address. */
export interface RateLimit {
  max: number
  windowSeconds: number
}

/** A stored key. The secret itself is never stored: only its hash. */
export interface KeyRecord {
  id: string
  type: KeyType
  name: string
  /** The first characters of the secret, to tell keys apart in listings. */
  prefix: string
  createdAt: Date
  expiresAt: Date | null
  revokedAt: Date | null
  /** Authorized domains checked against Origin/Referer; empty means any. */
  domains: string[]
  /** Client keys: the modules it grants. */
  modules: ModuleName[]
  /** Client keys: every module call but sign-in/up needs a valid session. */
  enforceSession: boolean
  /** Client keys: the request budget, or null for the server default. */
  rateLimit: RateLimit | null
  /** API keys: the access mode. */
  access: ApiAccess
  /** API keys: the endpoint patterns for `allow` and `deny` (`/orders`, `/orders/*`). */
  endpoints: string[]
}

/** What a caller chooses when creating a key; the rest gets defaults. */
export interface KeySpec {
  type: KeyType
  name: string
  expiresAt?: Date | null
  domains?: string[]
  modules?: ModuleName[]
  enforceSession?: boolean
  rateLimit?: RateLimit | null
  access?: ApiAccess
  endpoints?: string[]
}
