import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { headerValue } from '../../request-context.js'

/** The header in-process requests of the app's handlers carry this process's secret in. */
export const APP_CODE_HEADER = 'x-basalt-app-code'

/**
 * Marks requests that carry this process's app-code secret: the app's handlers calling the
 * server in-process. They skip the key guards and the database's access rules. The secret never
 * leaves the process, so a request from outside cannot carry it.
 */
export function registerAppCodeMarker(app: FastifyInstance, secret: string): void {
  const expected = Buffer.from(secret)
  app.addHook('onRequest', (request, _reply, done) => {
    const given = headerValue(request.headers[APP_CODE_HEADER])
    if (given) {
      const bytes = Buffer.from(given)
      request.appCode = bytes.length === expected.length && timingSafeEqual(bytes, expected)
    }
    done()
  })
}
