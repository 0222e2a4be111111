import type {
  AppInfo,
  EndpointRequest,
  HandlerContext,
  HandlerLogger,
  HandlerSession,
  HandlerTrigger,
  QueueTaskContextFactory,
} from './handler-context.js'
import type { ServerApi } from './server-api.js'

/** App parameter values, as configured (with env overrides applied by the CLI). */
export type AppParameters = Readonly<Record<string, string | number | boolean | null>>

/** A logger that can make a child logger with fixed fields (pino's `child`). */
export interface ChildLogger extends HandlerLogger {
  child(bindings: Record<string, unknown>): HandlerLogger
}

/** What the factory needs. */
export interface ContextFactoryDeps {
  readonly parameters: AppParameters
  readonly logger: ChildLogger
  /** The server-side API; a function, since it exists only once the HTTP app is built. */
  readonly api: () => ServerApi
  readonly appName: string
  readonly mode: 'development' | 'production'
  readonly baseUrl: () => string
}

/** The request parts of an endpoint's context. */
export interface EndpointCall {
  readonly request: EndpointRequest
  readonly session: HandlerSession | null
  readonly user: Record<string, unknown> | null
  readonly requestId: string
}

/** Builds the one handler context shape for endpoints, queue messages and task runs. */
export class HandlerContextFactory {
  constructor(private readonly deps: ContextFactoryDeps) {}

  /** The context (and Altogic `req`) of an endpoint call. */
  forEndpoint(call: EndpointCall): HandlerContext<ServerApi> {
    return new EndpointContext(this.deps, call)
  }

  /** The context of a queue message or task run (given to the queue and task runner). */
  readonly forQueueOrTask: QueueTaskContextFactory = (trigger) => {
    const bindings =
      trigger.kind === 'queue'
        ? { queue: trigger.queueName, messageId: trigger.messageId, attempt: trigger.attempt }
        : { task: trigger.taskName, taskId: trigger.taskId }
    const context = this.#common(trigger, bindings)
    // Altogic gives a queue handler its message as `req.body`.
    return trigger.kind === 'queue' ? { ...context, body: trigger.message } : context
  }

  #common(trigger: HandlerTrigger, bindings: Record<string, unknown>): HandlerContext<ServerApi> {
    const deps = this.deps
    return {
      trigger,
      params: deps.parameters,
      appParams: deps.parameters,
      log: deps.logger.child({ handler: trigger.kind, ...bindings }),
      get api() {
        return deps.api()
      },
      appInfo: appInfoOf(deps, Date.now()),
    }
  }
}

/** Altogic's `req.client`. */
interface EndpointClient {
  readonly ip: string
  readonly deviceType: string
}

/**
 * An endpoint's context. Its logger, `appInfo` and `client` are getters of the class, built on
 * first read (most handlers use none of them); an object literal with getters, or a pino child
 * per call, would cost more than the rest of a small request.
 */
class EndpointContext implements HandlerContext<ServerApi> {
  readonly trigger = { kind: 'endpoint' } as const
  readonly params: AppParameters
  readonly appParams: AppParameters
  readonly api: ServerApi
  readonly request: EndpointRequest
  readonly session: HandlerSession | null
  readonly user: Record<string, unknown> | null
  readonly ids: EndpointRequest['params']
  readonly query: EndpointRequest['query']
  readonly headers: EndpointRequest['headers']
  readonly body: unknown
  readonly files: EndpointRequest['files']
  readonly #deps: ContextFactoryDeps
  readonly #requestId: string
  readonly #startedAt = Date.now()
  #log: HandlerLogger | undefined
  #appInfo: AppInfo | undefined
  #client: EndpointClient | undefined

  constructor(deps: ContextFactoryDeps, call: EndpointCall) {
    const { request } = call
    this.#deps = deps
    this.#requestId = call.requestId
    this.params = deps.parameters
    this.appParams = deps.parameters
    this.api = deps.api()
    this.request = request
    this.session = call.session
    this.user = call.user
    this.ids = request.params
    this.query = request.query
    this.headers = request.headers
    this.body = request.body
    this.files = request.files
  }

  get log(): HandlerLogger {
    const bindings = { handler: 'endpoint', requestId: this.#requestId }
    return (this.#log ??= this.#deps.logger.child(bindings))
  }

  get appInfo(): AppInfo {
    return (this.#appInfo ??= appInfoOf(this.#deps, this.#startedAt))
  }

  get client(): EndpointClient {
    const { ip, headers } = this.request
    return (this.#client ??= { ip, deviceType: deviceTypeOf(headers['user-agent']) })
  }
}

/** Altogic's `req.appInfo` of a handler run started at `startedAt` (ms since the epoch). */
function appInfoOf(deps: ContextFactoryDeps, startedAt: number): AppInfo {
  return {
    appName: deps.appName,
    environmentName: deps.mode,
    environmentType: deps.mode,
    apiBaseUrl: deps.baseUrl(),
    executionStartDtm: new Date(startedAt).toISOString(),
  }
}

/** Altogic's `req.client.deviceType`, roughly: mobile, tablet or desktop. */
function deviceTypeOf(agent: string | string[] | undefined): string {
  const text = Array.isArray(agent) ? (agent[0] ?? '') : (agent ?? '')
  if (/tablet|ipad/i.test(text)) return 'tablet'
  if (/mobile|android|iphone/i.test(text)) return 'mobile'
  return 'desktop'
}
