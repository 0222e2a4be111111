import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { HEADERS } from '@basalt/protocol'
import type { HandlerLoader } from '../../../adapters/code/handler-loader.js'
import type { EndpointConfig } from '../../../config/functions-config.js'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { getUser } from '../../../core/auth/flows/sessions.js'
import type { HandlerContextFactory } from '../../../core/functions/context-factory.js'
import type { EndpointAnswer } from '../../../core/functions/endpoint-response.js'
import type { EndpointRequest } from '../../../core/functions/handler-context.js'
import { runEndpointHandler } from '../../../core/functions/run-endpoint.js'
import type { SessionResolver } from '../../../core/sessions/session-resolver.js'
import { resolveSession } from '../../plugins/client-key-guard.js'
import { pathOf } from '../../request-context.js'
import { authRequest } from '../auth/auth-request.js'
import { splitMultipart } from './multipart-body.js'

/** What one endpoint call needs. */
export interface CallDeps {
  readonly endpoint: EndpointConfig
  readonly loader: HandlerLoader
  readonly contexts: HandlerContextFactory
  readonly mode: 'development' | 'production'
  readonly auth: AuthContext
  readonly sessions: SessionResolver
}

/** Answers a request of an app endpoint: session, context, the handler, its answer. */
export async function callEndpoint(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: CallDeps,
): Promise<FastifyReply> {
  const { endpoint } = deps
  // Awaits only what the request carries: most calls have no session, no user, no multipart.
  if (endpoint.session === 'required' || mayCarrySession(request)) {
    await resolveSession(request, deps.sessions, endpoint.session === 'required')
  }
  const handler = await deps.loader.load(endpoint.handler)
  const context = deps.contexts.forEndpoint({
    request: isMultipart(request) ? await multipartRequest(request) : endpointRequest(request),
    session: request.session,
    user: request.session ? await userOf(request, deps.auth) : null,
    requestId: request.id,
  })
  const answer = await runEndpointHandler(handler, context, {
    mode: deps.mode,
    timeoutMs: endpoint.timeoutSeconds * 1000,
    onError: (error) =>
      request.log.error({ err: error, endpoint: endpoint.path }, 'endpoint handler failed'),
  })
  return writeAnswer(reply, answer)
}

/** Whether the request has a Session header or a cookie (what resolveSession reads). */
function mayCarrySession(request: FastifyRequest): boolean {
  const { headers } = request
  return headers[HEADERS.session] !== undefined || headers.cookie !== undefined
}

/** Whether the body is `multipart/form-data` (what splitMultipart splits). */
function isMultipart(request: FastifyRequest): boolean {
  return request.headers['content-type']?.startsWith('multipart/form-data') === true
}

/** The request as handlers see it, its multipart body split into fields and files. */
async function multipartRequest(request: FastifyRequest): Promise<EndpointRequest> {
  const { body, files } = await splitMultipart(request.headers['content-type'], request.body)
  return { ...endpointRequest(request), body, files }
}

/** The request as handlers see it. */
function endpointRequest(request: FastifyRequest): EndpointRequest {
  return {
    method: request.method,
    path: pathOf(request.url),
    params: { ...(request.params as Record<string, string>) },
    query: { ...(request.query as Record<string, unknown>) },
    headers: { ...request.headers },
    body: request.body,
    files: [],
    ip: request.ip,
  }
}

/** The session's user, or null (no session, or the user cannot be read). */
async function userOf(
  request: FastifyRequest,
  auth: AuthContext,
): Promise<Record<string, unknown> | null> {
  try {
    return (await getUser(auth, authRequest(request))) as unknown as Record<string, unknown>
  } catch {
    return null
  }
}

/** Writes a handler's answer: JSON, text, bytes, a stream, or nothing. */
function writeAnswer(reply: FastifyReply, answer: EndpointAnswer): FastifyReply {
  reply.code(answer.status).headers(answer.headers)
  const typed = (type: string) => {
    if (!reply.hasHeader('content-type')) reply.type(type)
  }
  switch (answer.kind) {
    case 'empty':
      return reply.send()
    case 'text':
      typed('text/plain; charset=utf-8')
      return reply.send(answer.body)
    case 'bytes':
      typed('application/octet-stream')
      return reply.send(Buffer.from(answer.body as Uint8Array))
    case 'stream':
      typed('application/octet-stream')
      return reply.send(
        answer.body instanceof Readable
          ? answer.body
          : Readable.fromWeb(answer.body as Parameters<typeof Readable.fromWeb>[0]),
      )
    case 'json':
      typed('application/json; charset=utf-8')
      return reply.send(JSON.stringify(answer.body))
  }
}
