import { z } from 'zod'
import { createPrivateKey } from 'node:crypto'

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/

/** Whether a URL points at this machine: the one place plain http is accepted. */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK.test(new URL(url).hostname)
}

// Tokens and codes travel to these URLs: https, or http on this machine only (tests, tunnels).
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an https URL' })
  .refine((url) => url.startsWith('https:') || isLoopbackUrl(url), {
    error: 'expected an https URL (http is accepted for localhost only)',
  })
const scopes = z.array(z.string().min(1)).min(1).optional()

/** Built-in providers that speak plain OAuth 2.0 (no ID token): endpoints may be overridden. */
export const OAUTH2_PROVIDERS = ['github', 'facebook', 'twitter', 'discord'] as const

/** Built-in providers that speak OpenID Connect: their issuer may be overridden. */
export const OIDC_PROVIDERS = ['google', 'apple'] as const

/** Every built-in provider name, as `signInWithProvider` knows them. */
export const BUILT_IN_PROVIDERS = [...OIDC_PROVIDERS, ...OAUTH2_PROVIDERS] as const

// Names a generic provider may not take: the built-ins, the local provider, and mailed links.
const RESERVED = new Set<string>([
  ...BUILT_IN_PROVIDERS,
  'basalt',
  'altogic',
  'verify-email',
  'magic-link',
  'reset-pwd',
  'change-email',
])

const oauth2Provider = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes,
  /** Overrides, for GitHub Enterprise, self-hosted gateways and tests. */
  authorizationUrl: httpUrl.optional(),
  tokenUrl: httpUrl.optional(),
  userInfoUrl: httpUrl.optional(),
})

const googleProvider = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes,
  /** Overrides Google's issuer (`https://accounts.google.com`); discovery starts there. */
  issuer: httpUrl.optional(),
})

const appleProvider = z
  .strictObject({
    /** The Services ID (not the App ID) registered for Sign in with Apple. */
    clientId: z.string().min(1),
    /** A ready client secret JWT; or give teamId, keyId and privateKey to have one made. */
    clientSecret: z.string().min(1).optional(),
    teamId: z.string().min(1).optional(),
    keyId: z.string().min(1).optional(),
    /** The PKCS#8 PEM of the Sign in with Apple key (the `.p8` file). */
    privateKey: z
      .string()
      .refine(isPrivateKeyPem, { error: 'expected the PEM text of a private key' })
      .optional(),
    scopes,
    issuer: httpUrl.optional(),
  })
  .refine((apple) => apple.clientSecret || (apple.teamId && apple.keyId && apple.privateKey), {
    error: 'expected clientSecret, or teamId, keyId and privateKey',
  })

const oidcProvider = z.strictObject({
  /** The issuer URL; `<issuer>/.well-known/openid-configuration` is read from it. */
  issuer: httpUrl,
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes,
})

const NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/

// Checked here rather than as the record's key schema, so the message names the bad key.
const oidcProviders = z.record(z.string(), oidcProvider).superRefine((providers, ctx) => {
  for (const name of Object.keys(providers)) {
    const message = RESERVED.has(name)
      ? `'${name}' is reserved; configure built-in providers under their own key`
      : NAME.test(name)
        ? undefined
        : `'${name}' is not a provider name: use lower-case letters, digits, - and _`
    if (message) ctx.addIssue({ code: 'custom', path: [name], message })
  }
})

/** The schema of `auth.oauth`: the built-in providers, and any OpenID Connect provider by name. */
export const oauthConfigSchema = z.strictObject({
  google: googleProvider.optional(),
  apple: appleProvider.optional(),
  github: oauth2Provider.optional(),
  facebook: oauth2Provider.optional(),
  twitter: oauth2Provider.optional(),
  discord: oauth2Provider.optional(),
  /** Any OpenID Connect provider, by the name that goes in `/_auth/<name>`. */
  oidc: oidcProviders.optional(),
})

/** `auth.oauth` with its defaults. */
export type OAuthConfig = z.output<typeof oauthConfigSchema>

/** The settings of a built-in OAuth 2.0 provider. */
export type OAuth2ProviderConfig = z.output<typeof oauth2Provider>

/** The settings of Google. */
export type GoogleProviderConfig = z.output<typeof googleProvider>

/** The settings of Apple. */
export type AppleProviderConfig = z.output<typeof appleProvider>

/** The settings of a generic OpenID Connect provider. */
export type OidcProviderConfig = z.output<typeof oidcProvider>

/** Whether a text is a PEM private key Node can load (Apple's `.p8` key). */
export function isPrivateKeyPem(pem: string): boolean {
  try {
    createPrivateKey(pem)
    return true
  } catch {
    return false
  }
}
