import { CLIENT_ERROR_CATALOG, SESSION_INVALIDATING_CODES } from '@basalt/protocol'
import type { APIError, ClientErrorCode, ErrorEntry, Result } from '@basalt/protocol'

/** How a 2xx body is read. */
export type ResolveType = 'json' | 'text' | 'blob' | 'arraybuffer'

/** A decoded answer, and whether it tells the client to drop its session. */
export interface Decoded<T = unknown> {
  result: Result<T>
  invalidatesSession: boolean
}

const BODY_EXCERPT_LENGTH = 200

/** Parses JSON text; `undefined` stands for "not JSON" (JSON itself has no undefined). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Reads a 2xx body as asked. A JSON body that does not parse (empty, 204, text) is null. */
export async function readSuccessBody(response: Response, resolveType: ResolveType) {
  if (resolveType === 'text') return response.text()
  if (resolveType === 'blob') return response.blob()
  if (resolveType === 'arraybuffer') return response.arrayBuffer()
  return parseJson(await response.text()) ?? null
}

/** The error items of body `B`: `B.errors` (array or single object), a bare array, or `[B]`. */
export function normalizeItems(body: object): ErrorEntry[] {
  const errors = (body as { errors?: unknown }).errors
  if (errors) return (Array.isArray(errors) ? errors : [errors]) as ErrorEntry[]
  return (Array.isArray(body) ? body : [body]) as ErrorEntry[]
}

/** Whether `B.errors` is an array holding a missing/invalid session token code. */
export function hasSessionError(body: object): boolean {
  const errors = (body as { errors?: unknown }).errors
  if (!Array.isArray(errors)) return false
  return errors.some((entry: unknown) =>
    SESSION_INVALIDATING_CODES.includes((entry as { code?: unknown } | null)?.code as string),
  )
}

/** An `errors` result made by the client itself from the client error catalog. */
export function clientErrorResult(
  code: ClientErrorCode,
  status: number,
  statusText: string,
  details: Record<string, unknown>,
): Result<never> {
  const item: ErrorEntry = {
    origin: 'client_error',
    code,
    message: CLIENT_ERROR_CATALOG[code].message,
    details,
  }
  return { data: null, errors: { status, statusText, items: [item] } }
}

/** Decodes a non-2xx answer; a body that is not a JSON object or array is invalid_response_body. */
export function decodeErrorBody(status: number, reason: string, text: string): Decoded<never> {
  const statusText = reason || 'Bad Request' // the published client's fallback, e.g. for HTTP/2
  const body = parseJson(text)
  if (typeof body !== 'object' || body === null) {
    const details = { body: text.slice(0, BODY_EXCERPT_LENGTH) }
    const result = clientErrorResult('invalid_response_body', status, statusText, details)
    return { result, invalidatesSession: false }
  }
  const errors: APIError = { status, statusText, items: normalizeItems(body) }
  return { result: { data: null, errors }, invalidatesSession: hasSessionError(body) }
}

/** Decodes a fetch Response per resolveType (2xx) or into `errors` (anything else). */
export async function decodeResponse<T>(
  response: Response,
  resolveType: ResolveType,
): Promise<Decoded<T>> {
  if (response.ok) {
    const data = (await readSuccessBody(response, resolveType)) as T
    return { result: { data, errors: null }, invalidatesSession: false }
  }
  return decodeErrorBody(response.status, response.statusText, await response.text())
}

/** Text of an error and its causes, for `details.cause` (`fetch failed: connect ECONNREFUSED`). */
export function describeError(error: unknown): string {
  const messages: string[] = []
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    messages.push(current instanceof Error ? current.message : String(current))
    current = current instanceof Error ? current.cause : undefined
  }
  return messages.join(': ')
}

/** The result of a request that got no answer (refused, reset, DNS, CORS). */
export function networkErrorResult(error: unknown): Result<never> {
  return clientErrorResult('network_error', 0, 'Network Error', { cause: describeError(error) })
}

/** The result of a request that got no answer within `timeout` milliseconds. */
export function timeoutResult(timeout: number): Result<never> {
  return clientErrorResult('request_timeout', 0, 'Request Timeout', { timeout })
}
