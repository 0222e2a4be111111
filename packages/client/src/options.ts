import type { ClientStorage } from './types.js'

/** Settings of the realtime (websocket) connection. */
export interface RealtimeOptions {
  /** Re-join remembered channels and resend profile data on every (re)connect. */
  autoJoinChannels?: boolean
  /** Whether messages sent on this connection are echoed back to it. */
  echoMessages?: boolean
  /** Initial delay before a reconnection attempt, in milliseconds. */
  reconnectionDelay?: number
  /** Connection timeout of each attempt, in milliseconds. */
  timeout?: number
  /** Buffer emits while disconnected (true) or drop them (false, volatile emits). */
  bufferMessages?: boolean
}

/** The fetch implementation the client calls (the global one by default). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>

/** Options of `createClient`. */
export interface ClientOptions {
  /** Sent raw in the `Authorization` header of every REST request when set. */
  apiKey?: string
  /** Where `session` and `user` are persisted; window.localStorage by default in browsers. */
  localStorage?: ClientStorage
  /** Page to navigate to when the server reports the session as missing or invalid. */
  signInRedirect?: string
  /** Realtime connection settings. */
  realtime?: RealtimeOptions
  /** Basalt: REST request timeout in milliseconds; none by default. */
  timeout?: number
  /** Basalt: explicit realtime server URL instead of one derived from the env URL. */
  realtimeUrl?: string
  /** Basalt: custom fetch implementation; `globalThis.fetch` by default. */
  fetch?: FetchFunction
}

/** Client options after defaults are applied: the realtime settings are all present. */
export type ClientSettings = ClientOptions & { realtime: Required<RealtimeOptions> }

/** window.localStorage when it exists and may be read (sandboxed frames throw on access). */
function browserStorage(): ClientStorage | undefined {
  try {
    return globalThis.window?.localStorage
  } catch {
    return undefined
  }
}

/** Default options, as in the published client; the storage is looked up once, at load. */
export const DEFAULTS: Readonly<ClientSettings> = Object.freeze({
  apiKey: undefined,
  signInRedirect: undefined,
  localStorage: browserStorage(),
  timeout: undefined,
  realtimeUrl: undefined,
  fetch: undefined,
  realtime: Object.freeze({
    autoJoinChannels: true,
    echoMessages: true,
    reconnectionDelay: 1000,
    timeout: 20000,
    bufferMessages: true,
  }),
})

/** Merges options over the defaults; the realtime settings are merged field by field. */
export function mergeOptions(options?: ClientOptions): ClientSettings {
  return {
    ...DEFAULTS,
    ...options,
    realtime: { ...DEFAULTS.realtime, ...options?.realtime },
  }
}
