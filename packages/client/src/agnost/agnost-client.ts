import { normalizeUrl } from '../client.js'
import { ClientError } from '../client-error.js'
import { EndpointManager } from '../endpoint-manager.js'
import { mergeOptions, type ClientOptions, type ClientSettings } from '../options.js'
import { RealtimeManager } from '../realtime-manager.js'
import { AgnostAuthManager } from './agnost-auth-manager.js'
import { AgnostFetcher } from './agnost-fetcher.js'
import { openAgnostSocket } from './agnost-socket.js'
import { AgnostStorageManager } from './agnost-storage.js'

/** Options of `createAgnostClient`: Agnost's, plus Basalt's timeout, fetch and realtime URL. */
export type AgnostClientOptions = Pick<
  ClientOptions,
  'localStorage' | 'signInRedirect' | 'realtime' | 'timeout' | 'fetch' | 'realtimeUrl'
>

/** Throws unless `baseUrl` is a string starting with `https://` or `http://` once trimmed. */
function checkBaseUrl(baseUrl: unknown): asserts baseUrl is string {
  const url = typeof baseUrl === 'string' ? baseUrl.trim() : ''
  if (!url.startsWith('https://') && !url.startsWith('http://')) {
    throw new ClientError(
      'missing_required_value',
      'baseUrl is a required parameter and needs to start with https://',
    )
  }
}

/** Throws unless `apiKey` is a non-blank string. */
function checkApiKey(apiKey: unknown): asserts apiKey is string {
  const blank = typeof apiKey === 'string' && apiKey.trim() === ''
  if (apiKey === null || apiKey === undefined || blank) {
    throw new ClientError('missing_required_value', 'apiKey is a required parameter')
  }
  if (typeof apiKey !== 'string') {
    throw new ClientError('invalid_client_key', 'apiKey needs to be a valid key string')
  }
}

/**
 * The Agnost entry point (`@agnost/client` 1.2.7 call sites): auth, endpoint and named storages,
 * over the shared transport with the Agnost headers and `/agnost/...` routes.
 */
export class AgnostClient {
  protected settings: ClientSettings
  readonly #fetcher: AgnostFetcher
  readonly #auth: AgnostAuthManager
  readonly #storages = new Map<string, AgnostStorageManager>()
  #endpoint: EndpointManager | undefined
  #realtime: RealtimeManager | undefined

  /** Checks the arguments, builds the transport and restores a stored session. */
  constructor(baseUrl: string, apiKey: string, options?: AgnostClientOptions) {
    checkBaseUrl(baseUrl)
    checkApiKey(apiKey)
    this.settings = { ...mergeOptions(options), apiKey }
    const headers = { 'X-Client': 'agnost-js', Authorization: apiKey }
    const { timeout, fetch } = this.settings
    this.#fetcher = new AgnostFetcher(this, normalizeUrl(baseUrl), headers, { timeout, fetch })
    this.#auth = new AgnostAuthManager(this.#fetcher, this.settings, () => this.realtime)
    this.#fetcher.setSession(this.#auth.getSession())
  }

  /** Users, sessions and sign-in, with Agnost's method signatures. */
  get auth(): AgnostAuthManager {
    return this.#auth
  }

  /** The app's own REST endpoints; created on first use. */
  get endpoint(): EndpointManager {
    this.#endpoint ??= new EndpointManager(this.#fetcher)
    return this.#endpoint
  }

  /**
   * Realtime over the Agnost socket (`/realtime/realtime/` with `{echoMessages, envId, apiKey,
   * session}`); it connects on first use, with the session held then.
   */
  get realtime(): RealtimeManager {
    this.#realtime ??= new RealtimeManager(this.#fetcher, this.settings, openAgnostSocket)
    return this.#realtime
  }

  /** The storage named `name`; one manager per name (Agnost kept only the first one). */
  storage(name: string): AgnostStorageManager {
    let manager = this.#storages.get(name)
    if (!manager) {
      manager = new AgnostStorageManager(name, this.#fetcher)
      this.#storages.set(name, manager)
    }
    return manager
  }
}

/** Creates a client for the Agnost-style app at `baseUrl`, identified by its API key. */
export function createAgnostClient(
  baseUrl: string,
  apiKey: string,
  options?: AgnostClientOptions,
): AgnostClient {
  return new AgnostClient(baseUrl, apiKey, options)
}
