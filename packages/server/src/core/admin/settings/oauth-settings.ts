import type { OAuthConfig } from '../../../config/oauth-config.js'
import { fileSetting, secret } from './setting.js'
import type { Setting } from './setting.js'

/** Keys of a provider's settings that hold secrets: shown only as set or not. */
const SECRET_KEYS = new Set(['clientSecret', 'privateKey'])

/**
 * The configured OAuth providers (`auth.oauth`), each setting named `<provider>.<key>`: the
 * built-ins under their name, OpenID Connect providers under `oidc.<name>`.
 */
export function oauthSettings(oauth: OAuthConfig | undefined): Setting[] {
  if (!oauth) return []
  const { oidc, ...builtIns } = oauth
  const providers = [
    ...Object.entries(builtIns).filter(([, spec]) => spec !== undefined),
    ...Object.entries(oidc ?? {}).map(([name, spec]) => [`oidc.${name}`, spec] as const),
  ] as [string, Record<string, unknown>][]
  return providers.flatMap(([name, spec]) => providerSettings(name, spec))
}

function providerSettings(provider: string, spec: Record<string, unknown>): Setting[] {
  return Object.keys(spec).map((key) => {
    const path = `auth.oauth.${provider}.${key}`
    const named = fileSetting(path, spec[key])
    if (!SECRET_KEYS.has(key)) return { ...named, name: `${provider}.${key}` }
    return secret(`${provider}.${key}`, spec[key], { config: path })
  })
}
