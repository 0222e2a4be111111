import type { FastifyInstance } from 'fastify'
import type { AdminDeps } from '../admin-deps.js'

/** GET /keys: every client and API key, newest first (their prefixes, never their secrets). */
export function listKeysRoute(scope: FastifyInstance, records: AdminDeps['records']): void {
  scope.get('/keys', async () => ({ items: await records.listKeys() }))
}
