import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify'
import { API_KEY_QUERY_PARAM, HEADERS } from '@basalt/protocol'
import type { KeyVerifier } from '../../core/keys/key-verifier.js'
import { fail } from '../../tools/errors.js'
import { headerValue, pathOf } from '../request-context.js'
import { originOf } from './client-key-guard.js'

/**
 * Checks the API key on every route whose config says `apiKey: 'required'`: a hook of those
 * routes only (added as they are declared), so other requests do not pay for it.
 */
export function registerApiKeyGuard(app: FastifyInstance, keys: KeyVerifier): void {
  const guard: onRequestHookHandler = (request, _reply, done) => {
    if (request.appCode) return done()
    const secret = apiKeyOf(request)
    if (!secret) return done(fail('missing_api_key'))
    const path = pathOf(request.url)
    keys.verifyApiKey(secret, originOf(request), request.method, path).then(
      (key) => {
        request.apiKey = key
        done()
      },
      (error: Error) => done(error),
    )
  }
  app.addHook('onRoute', (route) => {
    if (route.config?.apiKey !== 'required') return
    // First among the route's own hooks, after the global ones (key guards, CORS).
    const own = route.onRequest ?? []
    route.onRequest = [guard, ...(Array.isArray(own) ? own : [own])]
  })
}

/** The API key of a request: `Authorization` (raw, or after `Bearer `), else `?apikey=`. */
export function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = headerValue(request.headers[HEADERS.authorization])
  if (header) return header.replace(/^Bearer\s+/i, '')
  const query = request.query as Record<string, unknown> | undefined
  const value = query?.[API_KEY_QUERY_PARAM]
  return typeof value === 'string' && value ? value : undefined
}
