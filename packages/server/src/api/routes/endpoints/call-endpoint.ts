import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { HEADERS } from '@basalt/protocol'
import type { AppHandler, HandlerLoader } from '../../../adapters/code/handler-loader.js'
import type { EndpointConfig } from '../../../config/functions-config.js'
import type { AuthContext } from '../../../core/auth/auth-context.js'
import { getUser } from '../../../core/auth/flows/sessions.js'
import type { HandlerContextFactory } from '../../../core/functions/context-factory.js'
import type { EndpointAnswer } from '../../../core/functions/endpoint-response.js'
import type { EndpointRequest } from '../../../core/functions/handler-context.js'
import { runEndpointHandler } from '../../../core/functions/run-endpoint.js'
import type { FailureOptions } from '../../../core/functions/run-endpoint.js'
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
  /** The endpoint's handler as last loaded (one per endpoint). */
  readonly loaded: LoadedHandler
}

/** The handler the loader last gave for an endpoint, and the promise it came in. */
export interface LoadedHandler {
  loading?: Promise<AppHandler>
  handler?: AppHandler
}

/**
 * Answers a request of an app endpoint: session, context, the handler, its answer. A request
 * with nothing to await (no session, no multipart body, a handler already loaded and answering
 * synchronously) is answered without a promise: most small endpoints are.
 */
export function callEndpoint(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: CallDeps,
): Promise<FastifyReply> | undefined {
  const handler = loadedHandler(deps)
  if (handler instanceof Promise || mustAwait(request, deps.endpoint)) {
    return callAwaiting(request, reply, deps, handler)
  }
  const context = contextOf(request, deps, endpointRequest(request))
  const answer = runEndpointHandler(handler, context, failureOptions(request, deps.endpoint, deps))
  // A promise resolving to the reply: Fastify then waits for the response to be sent.
  if (answer instanceof Promise) return answer.then((done) => writeAnswer(reply, done))
  writeAnswer(reply, answer)
  return undefined
}

/** The path of a call that awaits its session, its user, its multipart body or its handler. */
async function callAwaiting(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: CallDeps,
  loading: AppHandler | Promise<AppHandler>,
): Promise<FastifyReply> {
  const { endpoint } = deps
  // A failed load is awaited below, unless the session fails first: never an unhandled one.
  if (loading instanceof Promise) loading.catch(() => undefined)
  // Awaits only what the request carries: most calls have no session, no user, no multipart.
  if (endpoint.session === 'required' || mayCarrySession(request)) {
    await resolveSession(request, deps.sessions, endpoint.session === 'required')
  }
  const handler = await loading
  const context = contextOf(
    request,
    deps,
    isMultipart(request) ? await multipartRequest(request) : endpointRequest(request),
    request.session ? await userOf(request, deps.auth) : null,
  )
  const answer = await runEndpointHandler(handler, context, failureOptions(request, endpoint, deps))
  return writeAnswer(reply, answer)
}

/**
 * The endpoint's handler: at once when the loader answers the promise it answered last time
 * (it keeps loaded modules), else a promise (a first load, or a loader that reloads).
 */
function loadedHandler(deps: CallDeps): AppHandler | Promise<AppHandler> {
  const { loaded } = deps
  const loading = deps.loader.load(deps.endpoint.handler)
  if (loading === loaded.loading && loaded.handler) return loaded.handler
  return loading.then((handler) => {
    loaded.loading = loading
    loaded.handler = handler
    return handler
  })
}

/** Whether the call must await something before its handler runs. */
function mustAwait(request: FastifyRequest, endpoint: EndpointConfig): boolean {
  return endpoint.session === 'required' || mayCarrySession(request) || isMultipart(request)
}

/** The handler context of a call. */
function contextOf(
  request: FastifyRequest,
  deps: CallDeps,
  endpointRequest: EndpointRequest,
  user: Record<string, unknown> | null = null,
) {
  return deps.contexts.forEndpoint({
    request: endpointRequest,
    session: request.session,
    user,
    requestId: request.id,
  })
}

/** How a failure of the handler is logged and shown. */
function failureOptions(
  request: FastifyRequest,
  endpoint: EndpointConfig,
  deps: CallDeps,
): FailureOptions {
  return {
    mode: deps.mode,
    timeoutMs: endpoint.timeoutSeconds * 1000,
    onError: (error) =>
      request.log.error({ err: error, endpoint: endpoint.path }, 'endpoint handler failed'),
  }
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
  return new HttpEndpointRequest(request, body, files)
}

/** The request as handlers see it. */
function endpointRequest(request: FastifyRequest): EndpointRequest {
  return new HttpEndpointRequest(request, request.body, [])
}

/**
 * The request as handlers see it: the request's own params, query and headers objects (made for
 * this request alone, so not copied), and the client address read on first use (reading it asks
 * the socket). `ip` is a getter: `{ ...request }` leaves it out.
 */
class HttpEndpointRequest implements EndpointRequest {
  readonly method: string
  readonly path: string
  readonly params: EndpointRequest['params']
  readonly query: EndpointRequest['query']
  readonly headers: EndpointRequest['headers']
  readonly body: unknown
  readonly files: EndpointRequest['files']
  readonly #request: FastifyRequest

  constructor(request: FastifyRequest, body: unknown, files: EndpointRequest['files']) {
    this.#request = request
    this.method = request.method
    this.path = pathOf(request.url)
    this.params = request.params as EndpointRequest['params']
    this.query = request.query as EndpointRequest['query']
    this.headers = request.headers
    this.body = body
    this.files = files
  }

  get ip(): string {
    return this.#request.ip
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
  // 200 and no headers of the handler's own are the common case: nothing to set then.
  if (answer.status !== 200) reply.code(answer.status)
  let ownHeaders = false
  for (const name in answer.headers) {
    reply.header(name, answer.headers[name])
    ownHeaders = true
  }
  // Without headers of the handler's own, the content type is ours to set.
  const typed = ownHeaders ? typedUnlessSet : setType
  switch (answer.kind) {
    case 'empty':
      return reply.send()
    case 'text':
      return typed(reply, 'text/plain; charset=utf-8').send(answer.body)
    case 'bytes':
      return typed(reply, 'application/octet-stream').send(Buffer.from(answer.body as Uint8Array))
    case 'stream':
      return typed(reply, 'application/octet-stream').send(
        answer.body instanceof Readable
          ? answer.body
          : Readable.fromWeb(answer.body as Parameters<typeof Readable.fromWeb>[0]),
      )
    case 'json':
      return typed(reply, 'application/json; charset=utf-8').send(JSON.stringify(answer.body))
  }
}

/** Sets the content type, unless the handler set one. */
function typedUnlessSet(reply: FastifyReply, type: string): FastifyReply {
  return reply.hasHeader('content-type') ? reply : reply.type(type)
}

function setType(reply: FastifyReply, type: string): FastifyReply {
  return reply.type(type)
}
