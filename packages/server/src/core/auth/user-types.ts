/** A user as the API answers it (the Altogic `User` shape): never the password. */
export interface User {
  _id: string
  provider: string
  providerUserId: string | null
  email: string | null
  phone: string | null
  name: string | null
  profilePicture: string | null
  emailVerified: boolean
  phoneVerified: boolean
  signUpAt: string
  lastLoginAt: string | null
  [appField: string]: unknown
}

/** A session as the API answers it (the Altogic `Session` shape). */
export interface Session {
  userId: string
  /** The secret at creation; in listings, the session's public id (its token hash). */
  token: string
  creationDtm: string
  userAgent: UserAgentInfo
  accessGroupKeys: string[]
  /** Basalt: whether this is the session of the request that listed it. */
  isCurrent?: boolean
}

/** The parsed User-Agent of the request that created a session. */
export interface UserAgentInfo {
  family: string
  major: string
  minor: string
  patch: string
  device: { family: string; major: string; minor: string; patch: string }
  os: { family: string; major: string; minor: string; patch: string }
}

/** What sign-in, sign-up, grant and verify answer. */
export interface AuthGrant {
  user: User
  session: Session | null
}

/** Who is asking: the address for rate limits, the User-Agent, the current session if any. */
export interface AuthRequest {
  ip: string
  userAgent: string | undefined
  session?: { userId: string; token: string } | null
}
