import type { IncomingHttpHeaders } from 'node:http'
import type { ByteRange } from '../../../adapters/storage/blob-store.js'

/** What a Range header asks of a representation of `size` bytes. */
export type RangeRequest =
  | { readonly kind: 'whole' }
  | { readonly kind: 'partial'; readonly range: ByteRange }
  | { readonly kind: 'unsatisfiable' }

const WHOLE: RangeRequest = { kind: 'whole' }

/**
 * Whether the client's cached copy is current (RFC 9110 §13.1): If-None-Match against the
 * ETag (weak comparison) when present, else If-Modified-Since against Last-Modified.
 */
export function isNotModified(
  headers: IncomingHttpHeaders,
  etag: string,
  lastModified: Date,
): boolean {
  const noneMatch = headers['if-none-match']
  if (noneMatch !== undefined) {
    const tags = noneMatch.split(',').map((tag) => tag.trim())
    return tags.includes('*') || tags.some((tag) => opaque(tag) === opaque(etag))
  }
  const since = Date.parse(headers['if-modified-since'] ?? '')
  return !Number.isNaN(since) && wholeSeconds(lastModified) <= since
}

/**
 * The range a request asks for (RFC 9110 §14): one `bytes=a-b`, `bytes=a-` or `bytes=-n`.
 * Several ranges, a syntax this does not read, or an If-Range that no longer matches: the
 * whole representation (which RFC 9110 allows).
 */
export function requestedRange(
  headers: IncomingHttpHeaders,
  size: number,
  etag: string,
  lastModified: Date,
): RangeRequest {
  const header = headers.range
  if (header === undefined || !ifRangeHolds(headers['if-range'], etag, lastModified)) return WHOLE
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!match || (match[1] === '' && match[2] === '')) return WHOLE
  const [first, last] = [match[1] ?? '', match[2] ?? '']
  if (first === '') return suffixRange(Number(last), size)
  const start = Number(first)
  if (last !== '' && Number(last) < start) return WHOLE
  if (start >= size) return { kind: 'unsatisfiable' }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return { kind: 'partial', range: { start, end } }
}

function suffixRange(length: number, size: number): RangeRequest {
  if (length === 0 || size === 0) return { kind: 'unsatisfiable' }
  return { kind: 'partial', range: { start: Math.max(0, size - length), end: size - 1 } }
}

/** If-Range: a strong ETag equal to ours, or exactly our Last-Modified date. */
function ifRangeHolds(ifRange: unknown, etag: string, lastModified: Date): boolean {
  if (typeof ifRange !== 'string') return true
  const value = ifRange.trim()
  if (value.startsWith('"')) return !etag.startsWith('W/') && value === etag
  return Date.parse(value) === wholeSeconds(lastModified)
}

/** An ETag without its weak prefix, for the weak comparison. */
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag
}

/** HTTP dates have whole seconds. */
function wholeSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000
}
