import type { FastifyInstance } from 'fastify'

const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'
const ALLOWED_HEADERS = 'X-Client, X-Client-Key, Session, Authorization, Content-Type'
const EXPOSED_HEADERS = 'x-request-id, retry-after, x-ratelimit-limit, x-ratelimit-remaining'
const MAX_AGE_SECONDS = '600'

/**
 * CORS as the Altogic client needs it (protocol §1.11): the request's Origin reflected (never
 * `*`, since the client sends credentials), credentials allowed, and the requested headers
 * (X-Client, X-Client-Key, Session, Authorization, Content-Type, an endpoint's own) allowed.
 * Preflights answer 204 before any key check. A request without Origin costs nothing here.
 */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin
    if (!origin) return done()
    reply.header('access-control-allow-origin', origin)
    reply.header('access-control-allow-credentials', 'true')
    reply.header('vary', 'Origin')
    const preflight =
      request.method === 'OPTIONS' && request.headers['access-control-request-method']
    if (!preflight) {
      reply.header('access-control-expose-headers', EXPOSED_HEADERS)
      return done()
    }
    reply.header('access-control-allow-methods', ALLOWED_METHODS)
    reply.header(
      'access-control-allow-headers',
      request.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
    )
    reply.header('access-control-max-age', MAX_AGE_SECONDS)
    reply.code(204).send()
  })
}
