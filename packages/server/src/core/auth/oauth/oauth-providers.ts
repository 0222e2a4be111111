import { allowInsecureRequests, Configuration, discovery } from 'openid-client'
import { fail } from '../../../tools/errors.js'
import { isLoopbackUrl } from '../../../config/oauth-config.js'
import type { OAuthConfig } from '../../../config/oauth-config.js'
import type { ProviderSpec } from './oauth-types.js'
import { providerSpecs } from './provider-specs.js'

/** Seconds Basalt waits for a provider's discovery, token and profile answers. */
const PROVIDER_TIMEOUT_SECONDS = 10

/**
 * The configured OAuth providers and their openid-client configurations. Discovery documents
 * are fetched on first use and kept; a failed discovery is retried on the next sign-in.
 */
export class OAuthProviders {
  readonly #specs: Map<string, ProviderSpec>
  readonly #configurations = new Map<string, Promise<Configuration>>()

  constructor(config: OAuthConfig | undefined) {
    this.#specs = providerSpecs(config)
  }

  /** The provider of this name; 404 oauth_provider_not_configured when there is none. */
  spec(name: string): ProviderSpec {
    const spec = this.#specs.get(name)
    if (!spec) {
      throw fail('oauth_provider_not_configured', undefined, { provider: name.slice(0, 64) })
    }
    return spec
  }

  /** The openid-client configuration of a provider; 502 oauth_exchange_failed if unreachable. */
  configuration(spec: ProviderSpec): Promise<Configuration> {
    let configuration = this.#configurations.get(spec.name)
    if (!configuration) {
      configuration = configure(spec)
      this.#configurations.set(spec.name, configuration)
      configuration.catch(() => this.#configurations.delete(spec.name))
    }
    return configuration.catch((error: unknown) => {
      throw fail('oauth_exchange_failed', `The provider '${spec.name}' cannot be discovered.`, {
        provider: spec.name,
        reason: error instanceof Error ? error.message : String(error),
      })
    })
  }
}

async function configure(spec: ProviderSpec): Promise<Configuration> {
  const configuration =
    spec.kind === 'oidc'
      ? await discovery(new URL(spec.issuer), spec.clientId, undefined, spec.clientAuth, {
          execute: isInsecure(spec) ? [allowInsecureRequests] : [],
          timeout: PROVIDER_TIMEOUT_SECONDS,
        })
      : new Configuration(
          {
            issuer: new URL(spec.authorizationUrl).origin,
            authorization_endpoint: spec.authorizationUrl,
            token_endpoint: spec.tokenUrl,
          },
          spec.clientId,
          undefined,
          spec.clientAuth,
        )
  if (isInsecure(spec)) allowInsecureRequests(configuration)
  configuration.timeout = PROVIDER_TIMEOUT_SECONDS
  return configuration
}

/** Plain http, which the config schema admits for loopback hosts only (tests, local IdPs). */
function isInsecure(spec: ProviderSpec): boolean {
  const urls =
    spec.kind === 'oidc' ? [spec.issuer] : [spec.authorizationUrl, spec.tokenUrl, spec.userInfoUrl]
  return urls.some((url) => url.startsWith('http:') && isLoopbackUrl(url))
}
