import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * CORS as the Altogic client needs it (protocol §1.11): the request's Origin reflected (never
 * `*`, since the client sends credentials), credentials allowed, and the requested headers
 * (X-Client, X-Client-Key, Session, Authorization, Content-Type, custom ones) allowed.
 */
export async function registerCors(app: FastifyInstance): Promise<void> {
  await app.register(cors, {
    origin: true,
    credentials: true,
    methods: ALLOWED_METHODS,
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining'],
    maxAge: 600,
    // An OPTIONS request without the preflight headers gets a plain 204, not a text 400.
    strictPreflight: false,
  })
}
