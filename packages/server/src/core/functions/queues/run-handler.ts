import type { AppHandler } from '../../../adapters/code/handler-loader.js'

/** Why a handler run failed, as recorded in a message's or task run's `errors`. */
export interface HandlerFailure {
  code: 'handler_error' | 'handler_timeout' | 'handler_not_found' | 'handler_lost'
  message: string
  at: string
}

/**
 * Loads and calls a handler with its context, at most `timeoutSeconds`; answers the failure or
 * undefined. A handler past its time keeps running (JavaScript cannot stop it) but its result
 * no longer counts.
 */
export async function runHandler(
  load: () => Promise<AppHandler>,
  context: unknown,
  timeoutSeconds: number,
): Promise<HandlerFailure | undefined> {
  let handler: AppHandler
  try {
    handler = await load()
  } catch (error) {
    return failure('handler_not_found', describe(error))
  }
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<HandlerFailure>((resolve) => {
    timer = setTimeout(
      () => resolve(failure('handler_timeout', `no answer within ${timeoutSeconds} s`)),
      timeoutSeconds * 1000,
    )
  })
  const call = (async () => {
    try {
      await (handler as (context: unknown) => unknown)(context)
      return undefined
    } catch (error) {
      return failure('handler_error', describe(error))
    }
  })()
  try {
    return await Promise.race([call, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function failure(code: HandlerFailure['code'], message: string): HandlerFailure {
  return { code, message, at: new Date().toISOString() }
}

/** A readable line for anything thrown: an Error's message, a string, else its JSON. */
export function describe(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name
  if (typeof thrown === 'string') return thrown
  try {
    return `non-Error thrown: ${JSON.stringify(thrown) ?? String(thrown)}`
  } catch {
    return `non-Error thrown: ${String(thrown)}`
  }
}
