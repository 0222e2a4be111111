import { isTimeout } from './deadline.js'
import { isBlob, isFormData } from './request-encoding.js'
import {
  decodeErrorBody,
  networkErrorResult,
  timeoutResult,
  type Decoded,
} from './response-decoding.js'

/** Upload progress: bytes sent, bytes in all, and the whole percentage sent. */
export type ProgressCallback = (loaded: number, total: number, percent: number) => void

/** What an XHR upload needs: the final URL and headers, the body and the options. */
export interface XhrUploadRequest {
  url: string
  headers: Record<string, string>
  body: unknown
  timeout?: number
  onProgress?: ProgressCallback | null
  /** Basalt: send the body as it is (bytes or a Blob, with its Content-Type header). */
  raw?: boolean
}

/** A FormData body as is; anything else wrapped as the single field `file`. */
export function toFormData(body: unknown): FormData {
  if (isFormData(body)) return body
  const form = new FormData()
  form.append('file', isBlob(body) ? body : String(body))
  return form
}

/** Success is HTTP 200 exactly (as the published client); a body that is not JSON is null. */
function decodeXhr(xhr: XMLHttpRequest): Decoded {
  if (xhr.status !== 200) return decodeErrorBody(xhr.status, xhr.statusText, xhr.responseText)
  let data: unknown = null
  try {
    data = JSON.parse(xhr.responseText) as unknown
  } catch {
    // an empty or non-JSON 200 body is no data, as on the fetch path
  }
  return { result: { data, errors: null }, invalidatesSession: false }
}

/** POSTs a multipart body with XMLHttpRequest (browsers), reporting upload progress. */
export function xhrUpload(request: XhrUploadRequest): Promise<Decoded> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    const fail = (result: Decoded['result']) => resolve({ result, invalidatesSession: false })
    xhr.onload = () => resolve(decodeXhr(xhr))
    xhr.onerror = () => fail(networkErrorResult(new Error('XMLHttpRequest failed')))
    xhr.onabort = () => fail(networkErrorResult(new Error('XMLHttpRequest aborted')))
    xhr.ontimeout = () => fail(timeoutResult(request.timeout ?? 0))
    xhr.upload.onprogress = (event) => {
      if (typeof request.onProgress !== 'function' || !event.total) return
      request.onProgress(event.loaded, event.total, Math.round((event.loaded / event.total) * 100))
    }
    xhr.open('POST', request.url)
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value)
    if (isTimeout(request.timeout)) xhr.timeout = request.timeout
    xhr.withCredentials = true
    xhr.send(request.raw ? (request.body as XMLHttpRequestBodyInit) : toFormData(request.body))
  })
}
