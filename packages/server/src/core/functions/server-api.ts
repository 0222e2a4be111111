import { createClient } from '@basalt/client'
import type {
  AltogicClient,
  AuthManager,
  CacheManager,
  DatabaseManager,
  EndpointManager,
  QueueManager,
  StorageManager,
  TaskManager,
} from '@basalt/client'
import type { RealtimeService } from '../realtime/realtime-service.js'
import type { UsersApi } from './users-api.js'

/** One HTTP request sent in-process (no socket): what the transport needs. */
export interface InProcessRequest {
  readonly method: string
  /** Path and query string. */
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: Buffer | undefined
}

/** The answer of an in-process request. */
export interface InProcessResponse {
  readonly status: number
  readonly headers: Record<string, string | string[] | number | undefined>
  readonly body: Buffer
}

/** Sends a request to this server's own routes in-process, with the app's full rights. */
export type InProcessTransport = (request: InProcessRequest) => Promise<InProcessResponse>

/**
 * The server-side API handlers get: the managers of our client library over an in-process
 * transport (one implementation of each manager, two transports), plus realtime in-process.
 */
export interface ServerApi {
  readonly db: DatabaseManager
  readonly cache: CacheManager
  readonly auth: AuthManager
  readonly queue: QueueManager
  readonly task: TaskManager
  /** Buckets and files (uploads and downloads are buffered in memory in-process). */
  readonly storage: StorageManager
  /** The app's own endpoints, called in-process. */
  readonly endpoint: EndpointManager
  readonly realtime: RealtimeService
  /** Any user of the app: get, list, verify, disable, end sessions (full rights, in-process). */
  readonly users: UsersApi
  /** The whole client, for what the named managers do not cover. */
  readonly client: AltogicClient
}

/** The base URL in-process requests are addressed to; nothing listens there. */
const IN_PROCESS_URL = 'http://basalt.in-process'

/** Builds the server-side API over `transport`. */
export function createServerApi(
  transport: InProcessTransport,
  realtime: RealtimeService,
  users: UsersApi,
): ServerApi {
  const client = createClient(IN_PROCESS_URL, 'in-process', {
    fetch: inProcessFetch(transport),
    // Never the browser's storage: the server-side client holds no session of its own.
    localStorage: memoryStorage(),
  })
  return {
    get db() {
      return client.db
    },
    get cache() {
      return client.cache
    },
    get auth() {
      return client.auth
    },
    get queue() {
      return client.queue
    },
    get task() {
      return client.task
    },
    get storage() {
      return client.storage
    },
    get endpoint() {
      return client.endpoint
    },
    realtime,
    users,
    client,
  }
}

/** A fetch function that sends through the in-process transport. */
function inProcessFetch(transport: InProcessTransport) {
  return async (input: string, init: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name] = value
    })
    const bytes = request.body ? Buffer.from(await request.arrayBuffer()) : undefined
    const answer = await transport({
      method: request.method,
      url: url.pathname + url.search,
      headers,
      body: bytes,
    })
    const responseHeaders = new Headers()
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined) continue
      for (const one of Array.isArray(value) ? value : [value])
        responseHeaders.append(name, String(one))
    }
    const empty = answer.status === 204 || answer.status === 304
    return new Response(empty ? null : new Uint8Array(answer.body), {
      status: answer.status,
      headers: responseHeaders,
    })
  }
}

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}
