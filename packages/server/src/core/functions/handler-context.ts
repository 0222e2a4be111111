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
