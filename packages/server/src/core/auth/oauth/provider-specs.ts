import { ClientSecretBasic, ClientSecretPost } from 'openid-client'
import { appleClientAuth } from './apple-secret.js'
import { OAUTH2_PROVIDERS } from '../../../config/oauth-config.js'
import type {
  AppleProviderConfig,
  GoogleProviderConfig,
  OAuth2ProviderConfig,
  OAuthConfig,
  OidcProviderConfig,
} from '../../../config/oauth-config.js'
import type { OAuth2ProviderSpec, OidcProviderSpec, ProviderSpec } from './oauth-types.js'
import {
  appleProfile,
  discordProfile,
  facebookProfile,
  githubProfile,
  oidcProfile,
  twitterProfile,
} from './profiles.js'

type OAuth2Name = (typeof OAUTH2_PROVIDERS)[number]

// The public endpoints of the plain OAuth 2.0 providers, their default scopes and their
// profile readers. X (Twitter) wants the client secret in HTTP Basic; the others in the body.
const OAUTH2_DEFAULTS: Record<
  OAuth2Name,
  Omit<OAuth2ProviderSpec, 'kind' | 'name' | 'clientId' | 'clientAuth'> & { basic?: true }
> = {
  github: {
    authorizationUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    userInfoUrl: 'https://api.github.com/user',
    scopes: ['read:user', 'user:email'],
    profile: githubProfile,
  },
  facebook: {
    authorizationUrl: 'https://www.facebook.com/v21.0/dialog/oauth',
    tokenUrl: 'https://graph.facebook.com/v21.0/oauth/access_token',
    userInfoUrl: 'https://graph.facebook.com/v21.0/me?fields=id,name,email,picture.type(large)',
    scopes: ['email', 'public_profile'],
    profile: facebookProfile,
  },
  twitter: {
    authorizationUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    userInfoUrl: 'https://api.x.com/2/users/me?user.fields=profile_image_url',
    scopes: ['users.read', 'tweet.read'],
    profile: twitterProfile,
    basic: true,
  },
  discord: {
    authorizationUrl: 'https://discord.com/oauth2/authorize',
    tokenUrl: 'https://discord.com/api/oauth2/token',
    userInfoUrl: 'https://discord.com/api/users/@me',
    scopes: ['identify', 'email'],
    profile: discordProfile,
  },
}

const OIDC_SCOPES = ['openid', 'email', 'profile']
const GOOGLE_ISSUER = 'https://accounts.google.com'
const APPLE_ISSUER = 'https://appleid.apple.com'

/** The providers `auth.oauth` configures, by the name in `/_auth/<name>`. */
export function providerSpecs(config: OAuthConfig | undefined): Map<string, ProviderSpec> {
  const specs = new Map<string, ProviderSpec>()
  if (!config) return specs
  if (config.google) specs.set('google', googleSpec(config.google))
  if (config.apple) specs.set('apple', appleSpec(config.apple))
  for (const name of OAUTH2_PROVIDERS) {
    const settings = config[name]
    if (settings) specs.set(name, oauth2Spec(name, settings))
  }
  for (const [name, settings] of Object.entries(config.oidc ?? {})) {
    specs.set(name, oidcSpec(name, settings))
  }
  return specs
}

function oauth2Spec(name: OAuth2Name, settings: OAuth2ProviderConfig): OAuth2ProviderSpec {
  const { basic, ...defaults } = OAUTH2_DEFAULTS[name]
  const secret = settings.clientSecret
  return {
    ...defaults,
    kind: 'oauth2',
    name,
    clientId: settings.clientId,
    clientAuth: basic ? ClientSecretBasic(secret) : ClientSecretPost(secret),
    scopes: settings.scopes ?? defaults.scopes,
    authorizationUrl: settings.authorizationUrl ?? defaults.authorizationUrl,
    tokenUrl: settings.tokenUrl ?? defaults.tokenUrl,
    userInfoUrl: settings.userInfoUrl ?? defaults.userInfoUrl,
  }
}

function oidcSpec(name: string, settings: OidcProviderConfig): OidcProviderSpec {
  return {
    kind: 'oidc',
    name,
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientAuth: ClientSecretPost(settings.clientSecret),
    scopes: withOpenId(settings.scopes ?? OIDC_SCOPES),
    profile: oidcProfile,
  }
}

function googleSpec(settings: GoogleProviderConfig): OidcProviderSpec {
  return oidcSpec('google', { ...settings, issuer: settings.issuer ?? GOOGLE_ISSUER })
}

/** Apple answers by form POST when name or email is asked, and signs in with a JWT secret. */
function appleSpec(settings: AppleProviderConfig): OidcProviderSpec {
  const issuer = settings.issuer ?? APPLE_ISSUER
  const { clientId, clientSecret, teamId, keyId, privateKey } = settings
  return {
    kind: 'oidc',
    name: 'apple',
    issuer,
    clientId,
    clientAuth: clientSecret
      ? ClientSecretPost(clientSecret)
      : appleClientAuth(
          { teamId: teamId!, keyId: keyId!, privateKey: privateKey! },
          clientId,
          issuer,
        ),
    scopes: withOpenId(settings.scopes ?? ['openid', 'email', 'name']),
    responseMode: 'form_post',
    profile: appleProfile,
  }
}

// Without `openid` there is no ID token, hence no nonce check and no `sub`.
function withOpenId(scopes: readonly string[]): string[] {
  return scopes.includes('openid') ? [...scopes] : ['openid', ...scopes]
}
