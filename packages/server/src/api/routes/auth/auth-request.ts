import type { FastifyRequest } from 'fastify'
import type { AuthRequest } from '../../../core/auth/user-types.js'
import { pathOf } from '../../request-context.js'

/** Who is asking, as the auth flows need it. */
export function authRequest(request: FastifyRequest): AuthRequest {
  const agent = request.headers['user-agent']
  return {
    ip: request.ip,
    userAgent: typeof agent === 'string' ? agent : undefined,
    session: request.session,
  }
}

/**
 * A query parameter read from the raw URL, percent-decoded but with `+` kept literal: the
 * Altogic client puts emails, keys and codes into query strings unencoded (`a+b@x.com`), which
 * form decoding would turn into a space.
 */
export function rawQuery(request: FastifyRequest, name: string): string | undefined {
  const query = request.url.slice(pathOf(request.url).length + 1)
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    const key = eq === -1 ? pair : pair.slice(0, eq)
    if (key !== name) continue
    const value = eq === -1 ? '' : pair.slice(eq + 1)
    try {
      return decodeURIComponent(value)
    } catch {
      return value
    }
  }
  return undefined
}

/** The body schema of auth routes: a JSON object (fields are checked by the flows). */
export const OBJECT_BODY = { type: 'object' } as const

/** The body of a request as an object (an empty POST reads as `{}`). */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
}
