/** A user as the admin API answers it: the protocol's user plus `disabled`. */
export interface AdminUser {
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
  disabled: boolean
  disabledAt: string | null
  [appField: string]: unknown
}

interface UserAgentPart {
  family: string
  major: string
}

/** A live session of a user; its id is the stored token hash. */
export interface AdminSession {
  id: string
  createdAt: string
  expiresAt: string
  userAgent: (UserAgentPart & { os?: UserAgentPart; device?: UserAgentPart }) | null
}

/** `Chrome 120 on Mac OS X`, or what is known of it. */
export function describeAgent(agent: AdminSession['userAgent']): string {
  if (!agent) return 'Unknown'
  const version = (part: UserAgentPart | undefined) =>
    part && part.family && part.family !== 'Other'
      ? `${part.family}${part.major ? ` ${part.major}` : ''}`
      : ''
  const browser = version(agent) || 'Unknown browser'
  const os = version(agent.os)
  return os ? `${browser} on ${os}` : browser
}
