import { AuthManager } from './auth-manager.js'
import { CacheManager } from './cache-manager.js'
import { ClientError } from './client-error.js'
import { DatabaseManager } from './db/database-manager.js'
import { EndpointManager } from './endpoint-manager.js'
import { Fetcher } from './fetcher.js'
import { mergeOptions, type ClientOptions, type ClientSettings } from './options.js'
import { QueueManager } from './queue-manager.js'
import { RealtimeManager } from './realtime-manager.js'
import { StorageManager } from './storage/storage-manager.js'
import { TaskManager } from './task-manager.js'
import type { KeyValuePair } from './types.js'

/** The env URL trimmed, with one trailing slash removed. */
export function normalizeUrl(url: string): string {
  return url.trim().replace(/\/$/, '')
}

/** Throws unless `envUrl` is a string starting with `https://` or `http://` once trimmed. */
function checkEnvUrl(envUrl: unknown): asserts envUrl is string {
  const url = typeof envUrl === 'string' ? envUrl.trim() : ''
  if (!url.startsWith('https://') && !url.startsWith('http://')) {
    throw new ClientError(
      'missing_required_value',
      'envUrl is a required parameter and needs to start with https://',
    )
  }
}

/** Throws unless `clientKey` is a non-blank string. */
function checkClientKey(clientKey: unknown): asserts clientKey is string {
  const blank = typeof clientKey === 'string' && clientKey.trim() === ''
  if (clientKey === null || clientKey === undefined || blank) {
    throw new ClientError(
      'missing_required_value',
      'clientKey is a required parameter, cannot be left empty',
    )
  }
  if (typeof clientKey !== 'string') {
    throw new ClientError('invalid_client_key', 'clientKey needs to be a valid key string')
  }
}

/** The entry point of the library: holds the transport and the managers. */
export class AltogicClient {
  protected settings: ClientSettings
  readonly #fetcher: Fetcher
  readonly #auth: AuthManager
  #endpoint: EndpointManager | undefined
  #cache: CacheManager | undefined
  #queue: QueueManager | undefined
  #task: TaskManager | undefined
  #db: DatabaseManager | undefined
  #realtime: RealtimeManager | undefined
  #storage: StorageManager | undefined

  /** Checks the arguments, builds the transport and restores a stored session. */
  constructor(envUrl: string, clientKey: string, options?: ClientOptions) {
    checkEnvUrl(envUrl)
    checkClientKey(clientKey)
    this.settings = mergeOptions(options)
    const headers: KeyValuePair = { 'X-Client': 'altogic-js', 'X-Client-Key': clientKey }
    if (this.settings.apiKey) headers.Authorization = this.settings.apiKey
    this.#fetcher = new Fetcher(this, normalizeUrl(envUrl), headers, {
      timeout: this.settings.timeout,
      fetch: this.settings.fetch,
    })
    this.#auth = new AuthManager(this, this.#fetcher, this.settings)
    this.#fetcher.setSession(this.#auth.getSession())
  }

  /** Users, sessions and sign-in. */
  get auth(): AuthManager {
    return this.#auth
  }

  /** The app's own REST endpoints; created on first use. */
  get endpoint(): EndpointManager {
    this.#endpoint ??= new EndpointManager(this.#fetcher)
    return this.#endpoint
  }

  /** The app's key/value cache; created on first use. */
  get cache(): CacheManager {
    this.#cache ??= new CacheManager(this.#fetcher)
    return this.#cache
  }

  /** The app's message queues; created on first use. */
  get queue(): QueueManager {
    this.#queue ??= new QueueManager(this.#fetcher)
    return this.#queue
  }

  /** The app's scheduled tasks, run on demand; created on first use. */
  get task(): TaskManager {
    this.#task ??= new TaskManager(this.#fetcher)
    return this.#task
  }

  /** The app's database: queries and objects per model; created on first use. */
  get db(): DatabaseManager {
    this.#db ??= new DatabaseManager(this.#fetcher)
    return this.#db
  }

  /** The app's file storage: buckets and files; created on first use. */
  get storage(): StorageManager {
    this.#storage ??= new StorageManager(this.#fetcher)
    return this.#storage
  }

  /** Realtime pub/sub messaging; created (and connected) on first use. */
  get realtime(): RealtimeManager {
    this.#realtime ??= new RealtimeManager(this.#fetcher, this.settings)
    return this.#realtime
  }

  /** Basalt: the explicit realtime URL given in the options, if any. */
  get realtimeUrl(): string | undefined {
    return this.settings.realtimeUrl
  }
}

/** Creates a client for the environment at `envUrl`, identified by `clientKey`. */
export function createClient(
  envUrl: string,
  clientKey: string,
  options?: ClientOptions,
): AltogicClient {
  return new AltogicClient(envUrl, clientKey, options)
}
