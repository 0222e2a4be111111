import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HEADERS, REST_PREFIX } from '@basalt/protocol'
import type { RateLimiter } from '../../adapters/rate-limit/rate-limiter.js'
import type { KeyVerifier } from '../../core/keys/key-verifier.js'
import type { RateLimit } from '../../core/keys/key-types.js'
import type { SessionResolver } from '../../core/sessions/session-resolver.js'
import { fail } from '../../tools/errors.js'
import { cookieValue, headerValue, pathOf } from '../request-context.js'

const SESSION_COOKIE = 'session_token'

/** What the guard needs. */
export interface ClientKeyGuardDeps {
  keys: KeyVerifier
  rateLimiter: RateLimiter
  sessions: SessionResolver
  defaultRateLimit: RateLimit | undefined
}

/**
 * Protects every /_api/rest/v1 request, known route or not: a valid client key from an
 * authorized domain, within its rate limit, granting the route's module; then the session the
 * route and the key ask for.
 */
export function registerClientKeyGuard(app: FastifyInstance, deps: ClientKeyGuardDeps): void {
  // A callback hook: requests outside the REST prefix leave without a promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (!isRestPath(request.url) || request.appCode) return done()
    guardRequest(request, reply, deps).then(() => done(), done)
  })
}

/** The checks of one REST request, in order: key, domain, rate limit, module, session. */
async function guardRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ClientKeyGuardDeps,
): Promise<void> {
  const secret = headerValue(request.headers[HEADERS.clientKey])
  if (!secret) throw fail('missing_client_key')
  const key = await deps.keys.verifyClientKey(secret, originOf(request))
  request.clientKey = key
  const limit = key.rateLimit ?? deps.defaultRateLimit
  if (limit) {
    const windowMs = limit.windowSeconds * 1000
    const result = await deps.rateLimiter.hit(`ck:${key.id}:${request.ip}`, limit.max, windowMs)
    reply.header('x-ratelimit-limit', limit.max).header('x-ratelimit-remaining', result.remaining)
    if (!result.allowed) {
      reply.header('retry-after', Math.ceil(result.resetInMs / 1000))
      throw fail('rate_limit_exceeded', undefined, { retryAfterMs: result.resetInMs })
    }
  }
  const { module, session = 'optional' } = request.routeOptions.config
  if (!module) return
  if (!key.modules.includes(module)) {
    throw fail('module_not_allowed', `The client key does not grant the '${module}' module.`, {
      module,
    })
  }
  if (session === 'none') return
  await resolveSession(request, deps.sessions, session === 'required' || key.enforceSession)
}

/** Resolves the request's session; `required`: 401 without a valid one. */
export async function resolveSession(
  request: FastifyRequest,
  sessions: SessionResolver,
  required: boolean,
): Promise<void> {
  // The Session header, else the `session_token` cookie of the client's SSR cookie helpers.
  const token =
    headerValue(request.headers[HEADERS.session]) ??
    cookieValue(request.headers.cookie, SESSION_COOKIE)
  if (!token) {
    if (required) throw fail('missing_session_token')
    return
  }
  const session = await sessions.resolve(token)
  if (!session) throw fail('invalid_session_token')
  request.session = session
}

/** The caller's origin: the Origin header, else the Referer. */
export function originOf(request: FastifyRequest): string | undefined {
  return headerValue(request.headers.origin) ?? headerValue(request.headers.referer)
}

function isRestPath(url: string): boolean {
  const path = pathOf(url)
  return path === REST_PREFIX || path.startsWith(REST_PREFIX + '/')
}
