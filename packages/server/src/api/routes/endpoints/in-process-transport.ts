import type { FastifyInstance } from 'fastify'
import type { InProcessTransport } from '../../../core/functions/server-api.js'
import { APP_CODE_HEADER } from './app-code-marker.js'

/** Sends requests to `app` with `app.inject()` (no socket), marked as the app's own code. */
export function injectTransport(app: FastifyInstance, secret: string): InProcessTransport {
  return async (request) => {
    const response = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { ...request.headers, [APP_CODE_HEADER]: secret },
      ...(request.body ? { payload: request.body } : {}),
    })
    return { status: response.statusCode, headers: response.headers, body: response.rawPayload }
  }
}
