import type { FastifyReply, FastifyRequest } from 'fastify'
import type { RequestLog, RequestLogEntry } from '../../../../core/admin/request-log.js'
import { isBasaltError } from '../../../../tools/errors.js'
import type { BasaltError } from '../../../../tools/errors.js'

type LoggedError = NonNullable<RequestLogEntry['error']>

// Query parameters whose values are credentials (`?apikey=` of endpoints, tokens of links).
const SECRET_PARAM = /^(apikey|api_key|key|token|access_token|code|password|secret)$/i

/**
 * Feeds the admin console's request log (GET /logs) from the app's hooks: the response hook
 * (present when the logger writes at info) records every request; the error envelope records
 * 5xx errors with their code and message, kept for the response hook when there is one,
 * written at once when there is none.
 */
export class RequestLogFeed {
  readonly #errors = new WeakMap<FastifyRequest, LoggedError>()

  constructor(
    private readonly log: RequestLog,
    /** Whether the app's response hook runs (it records the error with its request). */
    private readonly responsesLogged: boolean,
  ) {}

  /** A finished request (from the response hook). */
  response(request: FastifyRequest, reply: FastifyReply): void {
    this.log.record(
      entryOf(request, reply.statusCode, reply.elapsedTime, this.#errors.get(request)),
    )
  }

  /** A 5xx answer of the error envelope; `cause` is what was thrown. */
  serverError(
    request: FastifyRequest,
    reply: FastifyReply,
    error: BasaltError,
    cause: unknown,
  ): void {
    // The wire message of an unexpected error is generic; the admin sees the real one.
    const message =
      isBasaltError(cause) || !(cause instanceof Error) ? error.message : cause.message
    const logged = { code: error.code, message }
    if (this.responsesLogged) this.#errors.set(request, logged)
    else this.log.recordError(entryOf(request, error.status, reply.elapsedTime, logged))
  }
}

function entryOf(
  request: FastifyRequest,
  status: number,
  ms: number,
  error: LoggedError | undefined,
): RequestLogEntry {
  return {
    time: new Date().toISOString(),
    requestId: request.id,
    method: request.method,
    url: withoutSecrets(request.url),
    status,
    ms: Math.round(ms * 100) / 100,
    ...(error && { error }),
  }
}

/** The URL with the values of credential parameters replaced by `***`. */
export function withoutSecrets(url: string): string {
  const query = url.indexOf('?')
  if (query === -1) return url
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      return eq !== -1 && SECRET_PARAM.test(pair.slice(0, eq)) ? `${pair.slice(0, eq)}=***` : pair
    })
  return `${url.slice(0, query)}?${params.join('&')}`
}
