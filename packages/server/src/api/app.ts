import type { Duplex } from 'node:stream'
import Fastify from 'fastify'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { HEADERS } from '@basalt/protocol'
import type { RateLimiter } from '../adapters/rate-limit/rate-limiter.js'
import type { AuthContext } from '../core/auth/auth-context.js'
import type { CacheService } from '../core/cache/cache-service.js'
import type { RealtimeService } from '../core/realtime/realtime-service.js'
import type { HealthReport } from '../core/health/check-health.js'
import type { RateLimit } from '../core/keys/key-types.js'
import type { KeyVerifier } from '../core/keys/key-verifier.js'
import type { SessionResolver } from '../core/sessions/session-resolver.js'
import { fail } from '../tools/errors.js'
import { registerApiKeyGuard } from './plugins/api-key-guard.js'
import { registerClientKeyGuard } from './plugins/client-key-guard.js'
import { registerCors } from './plugins/cors.js'
import { attachRequestLogger, RequestLineController } from './plugins/lazy-request-logger.js'
import { requestIdGenerator } from './plugins/request-id.js'
import { registerRequestFields } from './plugins/request-fields.js'
import { registerErrorEnvelope, sendError } from './plugins/error-envelope.js'
import { registerAuthRoutes } from './routes/auth/auth-routes.js'
import { registerCacheRoutes } from './routes/cache/cache-routes.js'
import { registerDbRoutes } from './routes/db/db-routes.js'
import type { DatabaseService } from '../core/db/database-service.js'
import { registerRealtimeRoutes } from './routes/realtime/realtime-routes.js'
import { followLinkRoute } from './routes/auth-links/follow-link.js'
import { registerOAuthRoutes } from './routes/oauth/oauth-routes.js'
import { getHealth } from './routes/health/get-health.js'
import './request-context.js'
import { registerAppCodeMarker } from './routes/endpoints/app-code-marker.js'
import { registerEndpointRoutes } from './routes/endpoints/endpoint-routes.js'
import type { EndpointDeps } from './routes/endpoints/endpoint-routes.js'
import type { QueueService } from '../core/functions/queues/queue-service.js'
import type { TaskService } from '../core/functions/tasks/task-service.js'
import { registerQueueRoutes } from './routes/queue/queue-routes.js'
import { registerTaskRoutes } from './routes/task/task-routes.js'
import type { StorageService } from '../core/storage/storage-service.js'
import { registerStorageRoutes } from './routes/storage/storage-routes.js'
import { registerPublicFileRoutes } from './routes/storage-public/public-file-routes.js'
import { registerAgnostRoutes } from './routes/agnost/agnost-routes.js'
import { envPrefixRewriter } from './routes/agnost/agnost-paths.js'
import type { AdminDeps } from './routes/admin/admin-deps.js'
import { registerAdminRoutes } from './routes/admin/admin-routes.js'
import { RequestLogFeed } from './routes/admin/logs/request-log-feed.js'
import { serveConsole } from './routes/console/serve-console.js'

/** The services the HTTP layer calls. */
export interface AppDeps {
  keys: KeyVerifier
  rateLimiter: RateLimiter
  sessions: SessionResolver
  health: () => Promise<HealthReport>
  auth: AuthContext
  cache: CacheService
  realtime: RealtimeService
  db: DatabaseService
  /** The app's own endpoints (docs/functions.md). */
  endpoints?: EndpointDeps
  /** The app's message queues (docs/functions.md). */
  queues?: QueueService
  /** The app's scheduled tasks (docs/functions.md). */
  tasks?: TaskService
  /** Cloud storage: buckets and files (docs/storage.md). */
  storage?: StorageService
  /** The admin API of the console (docs/admin-api.md). */
  admin?: AdminDeps
}

/** HTTP settings of the app. */
export interface AppOptions {
  logger: FastifyBaseLogger
  bodyLimitBytes: number
  trustProxy: boolean
  defaultRateLimit: RateLimit | undefined
  /** The first segment of public file paths (`/_storage/<appSlug>/...`). */
  appSlug?: string
  /** This process's secret of in-process requests from the app's handlers (full rights). */
  appCodeSecret?: string
  /** The Agnost `envId`: requests under `/<envId>/` are routed without it (docs/agnost.md). */
  agnostEnvId?: string | undefined
  /** The built admin console, served at /_console. */
  consoleDir?: string | undefined
}

/** Builds the Fastify app: envelope, CORS, key guards and routes. Nothing listens yet. */
export async function buildApp(deps: AppDeps, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // No logger: requests get theirs in the first hook (attachRequestLogger says why), and the
    // server logs through `options.logger`.
    bodyLimit: options.bodyLimitBytes,
    trustProxy: options.trustProxy,
    return503OnClosing: false,
    logController: new RequestLineController(),
    frameworkErrors: (error, _request, reply) =>
      sendError(reply, fail('bad_request', error.message)),
    clientErrorHandler: answerMalformedHttp,
    ...(options.agnostEnvId ? { rewriteUrl: envPrefixRewriter(options.agnostEnvId) } : {}),
    genReqId: requestIdGenerator(),
  })
  registerRequestFields(app)
  registerAppCodeMarker(app, options.appCodeSecret)
  // The admin console's request log: fed by the response hook and the error envelope.
  const feed =
    deps.admin && new RequestLogFeed(deps.admin.requestLog, isLevelEnabled(options.logger, 'info'))
  registerErrorEnvelope(app, feed)
  registerEmptyTolerantJson(app)
  registerLifecycle(app, options.logger, feed)
  registerCors(app)
  registerClientKeyGuard(app, { ...deps, defaultRateLimit: options.defaultRateLimit })
  registerApiKeyGuard(app, deps.keys)
  getHealth(app, deps.health)
  registerAuthRoutes(app, deps.auth)
  followLinkRoute(app, deps.auth)
  registerOAuthRoutes(app, deps.auth)
  registerCacheRoutes(app, deps.cache)
  registerDbRoutes(app, deps.db)
  registerRealtimeRoutes(app, deps.realtime)
  if (deps.queues) registerQueueRoutes(app, deps.queues)
  if (deps.tasks) registerTaskRoutes(app, deps.tasks)
  if (deps.storage) {
    registerStorageRoutes(app, deps.storage)
    registerPublicFileRoutes(app, deps.storage, { appSlug: options.appSlug ?? 'default' })
  }
  registerAgnostRoutes(app, deps)
  if (deps.admin) await registerAdminRoutes(app, deps.admin)
  serveConsole(app, options.consoleDir)
  if (deps.endpoints) await registerEndpointRoutes(app, deps.endpoints)
  return app
}

/** Requests Node's HTTP parser rejects still get the JSON envelope, then the socket closes. */
function answerMalformedHttp(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy()
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
  const failure = tooLarge
    ? fail('headers_too_large')
    : fail('bad_request', 'The HTTP request is malformed.')
  const body = JSON.stringify({ errors: [failure.toEntry()] })
  socket.end(
    `HTTP/1.1 ${failure.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  )
}

/** A JSON body may be empty (the Altogic client posts without a body); it then reads as undefined. */
function registerEmptyTolerantJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') return done(null, undefined)
    parse(request, text, done)
  })
}

/** Request ids on every answer, one log line per request (at info), and a clean shutdown. */
function registerLifecycle(
  app: FastifyInstance,
  logger: FastifyBaseLogger,
  feed: RequestLogFeed | undefined,
): void {
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    // Requests still running finish on keep-alive connections, which must not hold the close
    // open: from now on a connection is dropped as soon as its response is sent.
    app.server.keepAliveTimeout = 1
    done()
  })
  // Callback-style hooks: on every request, they cost less than async ones. This one is the
  // app's first: what later hooks log is bound to the request id.
  app.addHook('onRequest', (request, reply, done) => {
    attachRequestLogger(request, reply, logger)
    reply.header(HEADERS.requestId, request.id)
    if (closing) return done(fail('service_unavailable', 'The server is shutting down.'))
    done()
  })
  // Below info the hook would log nothing: it is not added, so responses skip it.
  if (!isLevelEnabled(logger, 'info')) return
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: reply.elapsedTime },
      'request',
    )
    feed?.response(request, reply)
    done()
  })
}

/** Whether `logger` writes lines at `level` (pino's `isLevelEnabled`; other loggers: yes). */
function isLevelEnabled(logger: FastifyBaseLogger, level: string): boolean {
  const aware = logger as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean }
  return aware.isLevelEnabled?.(level) ?? true
}
