// Small helpers shared by the handlers.
import type { EndpointResponse } from 'basalt'

/** A `{data, errors}` result of the server-side API. */
interface Result<T> {
  data: T | null
  errors: { items: { code: string; message: string }[] } | null
}

/**
 * The data of a call that must succeed. A failure here is the app's bug or an outage: it is
 * thrown, so an endpoint answers 500 and a queue message is retried.
 */
export function unwrap<T>(result: Result<T>, what: string): T {
  if (result.errors) {
    const first = result.errors.items[0]
    throw new Error(`${what}: ${first?.code ?? 'error'}: ${first?.message ?? 'failed'}`)
  }
  return result.data as T
}

/** Answers an error in Basalt's shape, which the Altogic client reads as `errors`. */
export function refuse(res: EndpointResponse, status: number, code: string, message: string) {
  res.status(status).json({ errors: [{ origin: 'client_error', code, message }] })
}

/** Object ids are 24 hexadecimal characters; checked before one goes into a filter. */
export const isObjectId = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{24}$/.test(value)
