import type { ClientAuth } from 'openid-client'

/** What Basalt learns about the person signing in, in the same shape for every provider. */
export interface OAuthProfile {
  /** The provider's stable id of the account (`sub`, GitHub's numeric id, ...). */
  id: string
  email: string | null
  /** True only when the provider says it checked the address. */
  emailVerified: boolean
  name: string | null
  picture: string | null
}

/** Reads JSON from a provider API with the access token of the sign-in. */
export type JsonGetter = (url: string) => Promise<unknown>

/** A provider found by OpenID Connect discovery; the profile comes from the ID token. */
export interface OidcProviderSpec {
  kind: 'oidc'
  name: string
  issuer: string
  clientId: string
  clientAuth: ClientAuth
  scopes: readonly string[]
  /** `form_post` when the provider answers by POST (Apple, when name or email is asked). */
  responseMode?: 'form_post'
  /** The profile from the ID token claims (merged with UserInfo), and the callback parameters. */
  profile(claims: Record<string, unknown>, params: URLSearchParams): OAuthProfile
}

/** A plain OAuth 2.0 provider: fixed endpoints, and a profile read from its API. */
export interface OAuth2ProviderSpec {
  kind: 'oauth2'
  name: string
  authorizationUrl: string
  tokenUrl: string
  userInfoUrl: string
  clientId: string
  clientAuth: ClientAuth
  scopes: readonly string[]
  /** Loads the profile through `get`, starting at the provider's user URL. */
  profile(get: JsonGetter, userInfoUrl: string): Promise<OAuthProfile>
}

/** How to talk to one configured provider. */
export type ProviderSpec = OidcProviderSpec | OAuth2ProviderSpec

/** The action the app's redirect URL receives after an OAuth sign-in (Altogic's name). */
export const OAUTH_ACTION = 'oauth-signin'

/** Where a finished sign-in sends the browser: the app, with a one-time grant token. */
export interface OAuthOutcome {
  action: typeof OAUTH_ACTION
  accessToken: string
  /** The redirect the sign-in was started with, if any (else the app's `auth.redirectUrl`). */
  redirectUrl?: string | undefined
}
