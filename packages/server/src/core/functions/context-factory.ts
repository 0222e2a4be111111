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
    const { request } = call
    return {
      ...this.#common({ kind: 'endpoint' }, { requestId: call.requestId }),
      request,
      session: call.session,
      user: call.user,
      ids: request.params,
      query: request.query,
      headers: request.headers,
      body: request.body,
      files: request.files,
      client: { ip: request.ip, deviceType: deviceTypeOf(request.headers['user-agent']) },
    }
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
      appInfo: this.#appInfo(),
    }
  }

  #appInfo(): AppInfo {
    return {
      appName: this.deps.appName,
      environmentName: this.deps.mode,
      environmentType: this.deps.mode,
      apiBaseUrl: this.deps.baseUrl(),
      executionStartDtm: new Date().toISOString(),
    }
  }
}

/** Altogic's `req.client.deviceType`, roughly: mobile, tablet or desktop. */
function deviceTypeOf(agent: string | string[] | undefined): string {
  const text = Array.isArray(agent) ? (agent[0] ?? '') : (agent ?? '')
  if (/tablet|ipad/i.test(text)) return 'tablet'
  if (/mobile|android|iphone/i.test(text)) return 'mobile'
  return 'desktop'
}
