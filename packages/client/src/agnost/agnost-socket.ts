import { io, type Socket } from 'socket.io-client'
import type { Fetcher } from '../fetcher.js'
import type { ClientSettings } from '../options.js'
import { agnostSocketOptions } from './agnost-realtime-url.js'

/**
 * Opens the Agnost realtime socket: the base URL's origin, path `/realtime/realtime/`, handshake
 * `{echoMessages, envId, apiKey, session}` with the session token held now. `settings.apiKey`
 * is the Agnost API key. Made to be handed to a realtime manager as its socket opener.
 */
export function openAgnostSocket(fetcher: Fetcher, settings: ClientSettings): Socket {
  const identity = {
    baseUrl: fetcher.getBaseUrl(),
    apiKey: settings.apiKey ?? '',
    sessionToken: fetcher.getSessionToken(),
    realtimeUrl: settings.realtimeUrl,
  }
  const { url, options } = agnostSocketOptions(identity, settings.realtime)
  return io(url, options)
}
