import type { ManagerOptions, SocketOptions } from 'socket.io-client'
import type { RealtimeOptions } from '../options.js'

/** The socket.io path of Agnost realtime: the ingress strips `/realtime`, the server uses it. */
export const AGNOST_REALTIME_PATH = '/realtime/realtime/'

/** Where the Agnost realtime socket connects. */
export interface AgnostRealtimeTarget {
  /** The socket.io server URL: the base URL's origin (`proto://host[:port]`). */
  realtimeUrl: string
  /** The socket.io path, always `/realtime/realtime/`. */
  path: string
  /** The single path segment of the base URL (`env-1` of `https://host/env-1`), else `''`. */
  envId: string
}

/** The Agnost handshake `auth` object. */
export interface AgnostHandshake {
  echoMessages: boolean
  envId: string
  apiKey: string
  session: string | undefined
}

/**
 * The realtime target of an Agnost base URL. `https://host/env-1` gives `https://host`, envId
 * `env-1`, as in Agnost. Basalt fix: a base URL with no path (or a deeper one) still connects to
 * its origin, with an empty envId, where Agnost gave an empty URL; `realtimeUrl` overrides it.
 */
export function agnostRealtimeTarget(baseUrl: string, realtimeUrl?: string): AgnostRealtimeTarget {
  let origin = ''
  let segments: string[] = []
  try {
    const url = new URL(baseUrl)
    origin = url.origin
    segments = url.pathname.split('/').filter(Boolean)
  } catch {
    // not a URL: no target unless one is given
  }
  const envId = segments.length === 1 ? segments[0]! : ''
  const explicit = realtimeUrl?.trim()
  return { realtimeUrl: explicit || origin, path: AGNOST_REALTIME_PATH, envId }
}

/** The identity parts of an Agnost socket: base URL, API key and the session token held. */
export interface AgnostSocketIdentity {
  baseUrl: string
  apiKey: string
  sessionToken: string | undefined
  /** Basalt: an explicit realtime URL. */
  realtimeUrl?: string
}

/** The URL and socket.io options of an Agnost realtime connection (handshake frozen here). */
export function agnostSocketOptions(
  identity: AgnostSocketIdentity,
  realtime: Required<RealtimeOptions>,
): { url: string; options: Partial<ManagerOptions & SocketOptions> } {
  const target = agnostRealtimeTarget(identity.baseUrl, identity.realtimeUrl)
  const auth: AgnostHandshake = {
    echoMessages: realtime.echoMessages,
    envId: target.envId,
    apiKey: identity.apiKey,
    session: identity.sessionToken,
  }
  const options = {
    path: target.path,
    reconnection: true,
    reconnectionDelay: realtime.reconnectionDelay,
    timeout: realtime.timeout,
    transports: ['websocket', 'polling'],
    auth: { ...auth },
  }
  return { url: target.realtimeUrl, options }
}
