import type { KeyValuePair } from './types.js'

/** A request body ready for fetch, and the call headers adjusted to go with it. */
export interface EncodedBody {
  body?: BodyInit
  headers: KeyValuePair
}

/** Trims a path and gives it a leading slash (`'orders'` → `'/orders'`). */
export function normalizePath(path: string | null | undefined): string {
  const trimmed = (path ?? '').trim()
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

/** One query value: null/undefined → '', objects and arrays as JSON, then URI-encoded. */
function encodeQueryValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'object') return encodeURIComponent(String(value))
  try {
    return encodeURIComponent(String(JSON.stringify(value)))
  } catch {
    return '' // circular or BigInt inside: the published client sends an empty value too
  }
}

/** `k1=v1&k2=v2` in key insertion order; keys are sent as given, values encoded. */
export function buildQueryString(query: KeyValuePair | null | undefined): string {
  return Object.keys(query ?? {})
    .map((key) => `${key}=${encodeQueryValue(query?.[key])}`)
    .join('&')
}

/** Base URL + normalised path + query; joined with `&` when the path already has a `?`. */
export function buildUrl(
  baseUrl: string,
  path: string | null | undefined,
  query: KeyValuePair | null | undefined,
): string {
  const pathStr = normalizePath(path)
  const queryString = buildQueryString(query)
  if (!queryString) return baseUrl + pathStr
  return `${baseUrl}${pathStr}${pathStr.includes('?') ? '&' : '?'}${queryString}`
}

/** A copy of `headers` without any spelling of `Content-Type`. */
export function withoutContentType(headers: KeyValuePair): KeyValuePair {
  const kept = Object.entries(headers).filter(
    ([key]) => key.trim().toLowerCase() !== 'content-type',
  )
  return Object.fromEntries(kept)
}

/** Whether a value is a FormData (when the runtime has one). */
export function isFormData(value: unknown): value is FormData {
  return typeof FormData !== 'undefined' && value instanceof FormData
}

/** Whether a value is a Blob or File (when the runtime has them). */
export function isBlob(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob
}

/**
 * Encodes a body as the published client does: FormData as is, a Blob/File wrapped as field
 * `file`, anything else as JSON with `Content-Type: application/json`. A falsy body is not sent.
 */
export function encodeBody(body: unknown, headers: KeyValuePair | null | undefined): EncodedBody {
  const callHeaders = { ...headers }
  if (!body) return { headers: callHeaders }
  if (isFormData(body)) return { body, headers: withoutContentType(callHeaders) }
  if (isBlob(body) && typeof FormData !== 'undefined') {
    const form = new FormData()
    form.append('file', body)
    return { body: form, headers: withoutContentType(callHeaders) }
  }
  try {
    const json = JSON.stringify(body)
    const jsonHeaders = { ...withoutContentType(callHeaders), 'Content-Type': 'application/json' }
    return { body: json, headers: jsonHeaders }
  } catch {
    return { body: body as BodyInit, headers: callHeaders } // BigInt or circular: sent raw
  }
}

/** Default headers with call headers over them, as strings; null/undefined values are left out. */
export function mergeHeaders(
  defaults: KeyValuePair,
  extra: KeyValuePair | null | undefined,
): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const [key, value] of Object.entries({ ...defaults, ...extra })) {
    if (value !== null && value !== undefined) merged[key] = String(value)
  }
  return merged
}
