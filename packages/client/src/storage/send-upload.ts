import type { Fetcher } from '../fetcher.js'
import type { KeyValuePair } from '../types.js'
import type { ProgressCallback } from '../xhr-upload.js'
import { progressStream } from './progress-stream.js'
import type { StorageResult } from './types.js'
import { encodeMultipart, encodeObjectBody, isMultipartBody } from './upload-body.js'

/** One upload or replace: the two candidate routes with their queries, and the content. */
export interface UploadRequest {
  /** Route and query for FormData, Blob and File bodies. */
  form: { path: string; query: KeyValuePair }
  /** Route and query for every other body. */
  object: { path: string; query: KeyValuePair }
  body: unknown
  /** `options.contentType` after the defaults. */
  contentType: string | undefined
  onProgress: ProgressCallback | null
}

/** Whether this runtime has XMLHttpRequest (browsers), the published progress transport. */
function hasXhr(): boolean {
  return typeof XMLHttpRequest !== 'undefined'
}

/**
 * Multipart: a plain POST without progress (as published); with progress, XHR where it exists
 * (as published), else the encoded multipart bytes streamed through fetch with progress.
 */
async function sendMultipart<T>(
  fetcher: Fetcher,
  { path, query }: UploadRequest['form'],
  body: FormData | Blob,
  onProgress: ProgressCallback | null,
): Promise<StorageResult<T>> {
  if (!onProgress) return fetcher.post<T>(path, body, query)
  if (hasXhr()) return fetcher.upload<T>(path, body, query, null, onProgress)
  const { bytes, contentType } = await encodeMultipart(body)
  const headers = { 'Content-Type': contentType }
  return fetcher.sendBody<T>(path, progressStream(bytes, onProgress), query, headers)
}

/** Any other body: raw bytes with `options.contentType` (JSON for a JSON type), with progress. */
function sendObject<T>(
  fetcher: Fetcher,
  { path, query }: UploadRequest['object'],
  request: UploadRequest,
): Promise<StorageResult<T>> {
  const { bytes, contentType } = encodeObjectBody(request.body, request.contentType)
  const headers = { 'Content-Type': contentType }
  const { onProgress } = request
  if (onProgress && !hasXhr()) {
    return fetcher.sendBody<T>(path, progressStream(bytes, onProgress), query, headers)
  }
  return fetcher.sendBody<T>(path, bytes, query, headers, onProgress)
}

/** Sends an upload or replace to the route its body calls for (§4.4). */
export function sendUpload<T>(fetcher: Fetcher, request: UploadRequest): Promise<StorageResult<T>> {
  const { body } = request
  if (isMultipartBody(body))
    return sendMultipart<T>(fetcher, request.form, body, request.onProgress)
  return sendObject<T>(fetcher, request.object, request)
}
