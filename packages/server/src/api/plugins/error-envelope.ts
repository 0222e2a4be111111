import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorCode, ErrorBody } from '@basalt/protocol'
import type { BasaltError } from '../../tools/errors.js'
import { fail, isBasaltError } from '../../tools/errors.js'
import { pathOf } from '../request-context.js'

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  404: 'resource_not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limit_exceeded',
  503: 'service_unavailable',
}

/** Told of every 5xx answer of the error handler (the admin console's request log). */
export interface ServerErrorListener {
  serverError(
    request: FastifyRequest,
    reply: FastifyReply,
    error: BasaltError,
    cause: unknown,
  ): void
}

/**
 * Makes every non-2xx answer the JSON envelope `{errors: [{origin, code, message, details}]}`:
 * thrown catalog errors, Fastify's own errors (bad JSON, size, media type, validation), unknown
 * routes, and anything unexpected (a safe 500 with the request id, the stack only in the log).
 */
export function registerErrorEnvelope(app: FastifyInstance, listener?: ServerErrorListener): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toBasaltError(error, request.id)
    if (known.status >= 500) {
      request.log.error({ err: error }, 'request failed')
      listener?.serverError(request, reply, known, error)
    }
    sendError(reply, known)
  })
  app.setNotFoundHandler((request, reply) => {
    sendError(reply, fail('resource_not_found', undefined, notFoundDetails(request)))
  })
}

/** Writes a catalog error as the envelope. */
export function sendError(reply: FastifyReply, error: BasaltError): void {
  const body: ErrorBody = { errors: [error.toEntry()] }
  reply.code(error.status).type('application/json; charset=utf-8').send(body)
}

function toBasaltError(error: FastifyError, requestId: string): BasaltError {
  if (isBasaltError(error)) return error
  if (error.validation) {
    return fail('validation_error', error.message, { issues: error.validation })
  }
  const status = error.statusCode ?? 500
  if (status === 400 && (error instanceof SyntaxError || error.code?.includes('JSON'))) {
    return fail('invalid_json', undefined, { reason: error.message })
  }
  const code = status < 500 ? (CODE_BY_STATUS[status] ?? 'bad_request') : undefined
  if (code) return fail(code, status === 400 ? error.message : undefined)
  return fail('internal_server_error', undefined, { requestId })
}

function notFoundDetails(request: FastifyRequest) {
  return { method: request.method, path: pathOf(request.url) }
}
