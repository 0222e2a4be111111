import type { AppHandler } from '../../adapters/code/handler-loader.js'
import { fail, isBasaltError } from '../../tools/errors.js'
import type { BasaltError } from '../../tools/errors.js'
import type { EndpointAnswer } from './endpoint-response.js'
import { EndpointResponse } from './endpoint-response.js'

/** How a handler failure is shown to the caller. */
export interface FailureOptions {
  /** Development: the handler's own message reaches the caller; production: a generic one. */
  readonly mode: 'development' | 'production'
  readonly timeoutMs: number
  /** Called with every failure (the log). */
  readonly onError: (error: unknown) => void
}

/**
 * Calls an endpoint handler as `handler(context, res)` within its time limit and turns what it
 * does into an answer. A thrown catalog error keeps its code; anything else is `handler_error`.
 * A handler that answers synchronously gets its answer back synchronously (no promise, no
 * timer: it cannot run past its limit); failures then throw, else the promise rejects.
 */
export function runEndpointHandler(
  handler: AppHandler,
  context: object,
  options: FailureOptions,
): EndpointAnswer | Promise<EndpointAnswer> {
  const response = new EndpointResponse()
  const call = handler as (context: object, response: EndpointResponse) => unknown
  let returned: unknown
  try {
    returned = call(context, response)
  } catch (error) {
    throw handlerFailure(error, options)
  }
  if (!isThenable(returned)) return response.answer(returned)
  return withTimeout(Promise.resolve(returned), options.timeoutMs).then(
    (value) => response.answer(value),
    (error: unknown) => {
      throw handlerFailure(error, options)
    },
  )
}

/** Logs a failure and answers the error the caller gets. */
function handlerFailure(error: unknown, options: FailureOptions): BasaltError {
  options.onError(error)
  return toHandlerError(error, options.mode)
}

/** Rejects with `handler_timeout` when `work` takes longer than `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(fail('handler_timeout', undefined, { timeoutMs: ms })),
      ms,
    )
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

/** A handler failure as a catalog error: the message only in development. */
export function toHandlerError(error: unknown, mode: 'development' | 'production'): BasaltError {
  if (isBasaltError(error)) return error
  if (mode === 'production') return fail('handler_error')
  const message = error instanceof Error ? error.message : String(error)
  const name = error instanceof Error ? error.name : 'Error'
  return fail('handler_error', `The app's handler failed: ${message}`, { name })
}
