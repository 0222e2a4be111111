import type { ModuleName } from '@basalt/protocol'
import type { KeyRecord } from '../core/keys/key-types.js'
import type { RequestSession } from '../core/sessions/session-resolver.js'

/** How a route treats the `Session` header. */
export type SessionPolicy = 'required' | 'optional' | 'none'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The module a REST route belongs to; the client key must grant it. */
    module?: ModuleName
    /**
     * `required`: 401 without a valid session. `optional` (default): a present token must be
     * valid; a key that enforces sessions makes it required. `none`: the header is ignored
     * (sign-in and sign-up routes).
     */
    session?: SessionPolicy
    /** `required`: the route needs an API key (app endpoints). */
    apiKey?: 'required'
  }
  interface FastifyRequest {
    /** The verified client key of a REST request. */
    clientKey: KeyRecord | null
    /** The verified API key, on routes that require one. */
    apiKey: KeyRecord | null
    /** The resolved session, when the request carries a valid one. */
    session: RequestSession | null
    /** Sent in-process by the app's own handlers (full rights; see app-code-marker.ts). */
    appCode: boolean
  }
}

/** The path part of a request URL, without the query string. */
export function pathOf(url: string): string {
  const index = url.indexOf('?')
  return index === -1 ? url : url.slice(0, index)
}

/** A single header value (the first, when repeated), or undefined when absent or empty. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value
  return single?.trim() || undefined
}

/** One cookie's value from a Cookie header, percent-decoded, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue
    const raw = part.slice(eq + 1).trim()
    try {
      return decodeURIComponent(raw) || undefined
    } catch {
      return raw || undefined
    }
  }
  return undefined
}
