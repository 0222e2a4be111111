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
 */
export async function runEndpointHandler(
  handler: AppHandler,
  context: object,
  options: FailureOptions,
): Promise<EndpointAnswer> {
  const response = new EndpointResponse()
  const call = handler as (context: object, response: EndpointResponse) => unknown
  try {
    const returned = await withTimeout(
      Promise.resolve().then(() => call(context, response)),
      options.timeoutMs,
    )
    return response.answer(returned)
  } catch (error) {
    options.onError(error)
    throw toHandlerError(error, options.mode)
  }
}

/** Rejects with `handler_timeout` when `work` takes longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(fail('handler_timeout', undefined, { timeoutMs: ms })), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** A handler failure as a catalog error: the message only in development. */
export function toHandlerError(error: unknown, mode: 'development' | 'production'): BasaltError {
  if (isBasaltError(error)) return error
  if (mode === 'production') return fail('handler_error')
  const message = error instanceof Error ? error.message : String(error)
  const name = error instanceof Error ? error.name : 'Error'
  return fail('handler_error', `The app's handler failed: ${message}`, { name })
}
