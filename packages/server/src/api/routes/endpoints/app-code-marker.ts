import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { headerValue } from '../../request-context.js'

/** The header in-process requests of the app's handlers carry this process's secret in. */
export const APP_CODE_HEADER = 'x-basalt-app-code'

const MARK = Symbol('basalt.appCode')

type Marked = FastifyRequest & { [MARK]?: boolean }

/**
 * Declares `request.appCode`: whether the request carries this process's app-code secret, that
 * is, comes from the app's own handlers calling the server in-process. Such requests skip the key
 * guards and the database's access rules. The secret never leaves the process, so a request from
 * outside cannot carry it. Without a secret, no request is app code. Worked out on first read
 * (the key guards and the routes that grant rights ask; a plain app endpoint never does).
 */
export function registerAppCodeMarker(app: FastifyInstance, secret: string | undefined): void {
  const expected = secret === undefined ? undefined : Buffer.from(secret)
  app.decorateRequest('appCode', {
    getter(this: FastifyRequest): boolean {
      return ((this as Marked)[MARK] ??= carriesSecret(this, expected))
    },
  })
}

function carriesSecret(request: FastifyRequest, expected: Buffer | undefined): boolean {
  if (!expected) return false
  const given = headerValue(request.headers[APP_CODE_HEADER])
  if (!given) return false
  const bytes = Buffer.from(given)
  return bytes.length === expected.length && timingSafeEqual(bytes, expected)
}
