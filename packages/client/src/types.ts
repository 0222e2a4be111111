export type { APIError, ErrorEntry } from '@basalt/protocol'

/** A plain object of key/value pairs (query parameters, headers, JSON documents). */
// `any` mirrors the published client's type: it accepts interfaces and lets callers read fields.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KeyValuePair = { [key: string]: any }

/** A user session as the server returns it; the client relies on `token` only. */
export interface Session {
  userId: string
  token: string
  creationDtm: string
  accessGroupKeys: string[]
  userAgent: {
    family: string
    major: string
    minor: string
    patch: string
    device: { family: string; major: string; minor: string; patch: string }
    os: { family: string; major: string; minor: string; patch: string }
  }
}

/** A user of the app, plus any app-defined fields (`phone`, `emailVerified`, ...). */
export interface User {
  _id: string
  /** `altogic` for email/phone accounts, else the OAuth provider (`google`, ...). */
  provider: string
  providerUserId: string
  email: string
  password?: string
  profilePicture?: string
  name?: string
  lastLoginAt: string
  signUpAt: string
  [field: string]: unknown
}

/** Where the client persists `session` and `user` (window.localStorage or any look-alike). */
export interface ClientStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}
