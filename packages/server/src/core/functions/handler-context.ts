/**
 * What every handler of the app's code gets (endpoints, queue messages, task runs): one shape,
 * built by the functions service (docs/functions.md).
 */

/** A logger for handler code (pino's shape). */
export interface HandlerLogger {
  info(object: object | string, message?: string): void
  warn(object: object | string, message?: string): void
  error(object: object | string, message?: string): void
  debug(object: object | string, message?: string): void
}

/** Why a handler runs. */
export type HandlerTrigger =
  | { readonly kind: 'endpoint' }
  | {
      readonly kind: 'queue'
      readonly queueName: string
      readonly messageId: string
      readonly message: Record<string, unknown>
      /** 1 for the first attempt. */
      readonly attempt: number
    }
  | {
      readonly kind: 'task'
      readonly taskName: string
      readonly taskId: string
      /** `schedule` for a cron tick, `runOnce` for a client's trigger. */
      readonly triggeredBy: 'schedule' | 'runOnce'
      readonly triggeredAt: Date
    }

/**
 * Builds the context object a queue or task handler is called with (the endpoint side builds
 * its own from the request with the same parts). `api` is the server-side API with the app's
 * full rights.
 */
export type QueueTaskContextFactory = (
  trigger: Exclude<HandlerTrigger, { kind: 'endpoint' }>,
) => unknown

/** A file of a multipart endpoint request (Altogic's `req.files[]` shape). */
export interface UploadedFile {
  readonly fieldName: string
  readonly fileName: string
  readonly encoding: string
  readonly mimeType: string
  readonly size: number
  readonly contents: Buffer
}

/** Altogic's `req.appInfo`. */
export interface AppInfo {
  readonly appName: string
  readonly environmentName: string
  readonly environmentType: 'development' | 'production'
  readonly apiBaseUrl: string
  readonly executionStartDtm: string
}

/** The parts of an endpoint request a handler reads (HTTP-free). */
export interface EndpointRequest {
  readonly method: string
  readonly path: string
  /** Path parameters (`:id` segments; `*` for the rest of a wildcard path). */
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, unknown>>
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly body: unknown
  readonly files: readonly UploadedFile[]
  readonly ip: string
}

/** The session of an endpoint request, when it carries a valid one. */
export interface HandlerSession {
  readonly userId: string
  readonly token: string
}

/**
 * The one context object of every handler. For an endpoint it is also Altogic's full-code `req`
 * (`ids`, `query`, `headers`, `appParams`, `client`, `session`, `appInfo`, `files`, `body`), so
 * `async function (req, res)` written for Altogic runs unchanged.
 */
export interface HandlerContext<Api = unknown> {
  readonly trigger: HandlerTrigger
  /** App parameters, with their per-deployment overrides. */
  readonly params: Readonly<Record<string, string | number | boolean | null>>
  readonly log: HandlerLogger
  /** The server-side API (db, cache, auth, realtime, ...) with the app's full rights. */
  readonly api: Api
  readonly appInfo: AppInfo
  /** Altogic's name for `params`. */
  readonly appParams: Readonly<Record<string, string | number | boolean | null>>
  /** Endpoints only: the request. */
  readonly request?: EndpointRequest
  readonly session?: HandlerSession | null
  readonly user?: Record<string, unknown> | null
  readonly ids?: Readonly<Record<string, string>>
  readonly query?: Readonly<Record<string, unknown>>
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>
  readonly body?: unknown
  readonly files?: readonly UploadedFile[]
  readonly client?: { readonly ip: string; readonly deviceType: string }
}
