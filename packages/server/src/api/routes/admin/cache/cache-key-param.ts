import type { FastifyRequest } from 'fastify'

/**
 * The key of a `/cache/keys/<key>` path: the rest of the path, decoded. A wildcard route, so
 * a key may hold `/` and be longer than the router's limit for named parameters.
 */
export const CACHE_KEY_PATH = '/cache/keys/*'

/** The key a request's path names (the cache service checks it). */
export function cacheKeyOf(request: FastifyRequest): string {
  return (request.params as { '*': string })['*']
}
