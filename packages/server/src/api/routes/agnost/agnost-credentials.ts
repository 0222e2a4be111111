import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { KeyVerifier } from '../../../core/keys/key-verifier.js'
import type { SessionResolver } from '../../../core/sessions/session-resolver.js'
import { fail } from '../../../tools/errors.js'
import { apiKeyOf } from '../../plugins/api-key-guard.js'
import { originOf, resolveSession } from '../../plugins/client-key-guard.js'
import { pathOf } from '../../request-context.js'

/** What the credential hook checks with. */
export interface AgnostCredentialDeps {
  keys: KeyVerifier
  sessions: SessionResolver
}

/**
 * Adds the Agnost credential hook to a scope: an API key (`Authorization`, raw or `Bearer`, else
 * `?apikey=`) checked as app endpoints check theirs (unknown, expired or revoked: 401
 * invalid_api_key; a read-only key: GET only), then the session the route asks for.
 */
export function addAgnostCredentialHook(scope: FastifyInstance, deps: AgnostCredentialDeps): void {
  scope.addHook('onRequest', async (request) => {
    if (request.appCode) return
    await checkApiKey(request, deps.keys)
    const policy = request.routeOptions.config.session ?? 'optional'
    if (policy !== 'none') await resolveSession(request, deps.sessions, policy === 'required')
  })
}

async function checkApiKey(request: FastifyRequest, keys: KeyVerifier): Promise<void> {
  const secret = apiKeyOf(request)
  if (!secret) throw fail('missing_api_key')
  const path = pathOf(request.url)
  request.apiKey = await keys.verifyApiKey(secret, originOf(request), request.method, path)
}
