import type { FastifyInstance } from 'fastify'
import type { EndpointConfig } from '../../../config/functions-config.js'
import { callEndpoint } from './call-endpoint.js'
import type { CallDeps } from './call-endpoint.js'

/** What the app's endpoints need. */
export interface EndpointDeps extends Omit<CallDeps, 'endpoint' | 'loaded'> {
  readonly endpoints: readonly EndpointConfig[]
}

/**
 * Registers each declared endpoint as a route. Every handler is loaded once here, so a missing
 * module or export stops the start with a clear message.
 */
export async function registerEndpointRoutes(
  app: FastifyInstance,
  deps: EndpointDeps,
): Promise<void> {
  for (const endpoint of deps.endpoints) await deps.loader.load(endpoint.handler)
  await app.register(async (scope) => {
    // Endpoints take any body: JSON and text are parsed, anything else arrives as bytes.
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    )
    for (const endpoint of deps.endpoints) {
      const callDeps: CallDeps = { ...deps, endpoint, loaded: {} }
      scope.route({
        method: endpoint.method,
        url: endpoint.path,
        ...(endpoint.bodyLimitBytes ? { bodyLimit: endpoint.bodyLimitBytes } : {}),
        config: {
          module: 'endpoint',
          session: endpoint.session,
          ...(endpoint.apiKey ? { apiKey: 'required' as const } : {}),
        },
        handler: (request, reply) => callEndpoint(request, reply, callDeps),
      })
    }
  })
}
