import { isBlob, isFormData } from '../request-encoding.js'
import type { FileUploadOptions } from './types.js'

/** The published client's default upload options. */
export const UPLOAD_DEFAULTS = Object.freeze({
  contentType: 'text/plain;charset=UTF-8',
  createBucket: false,
})

/** The published client's default replace options (no `createBucket`). */
export const REPLACE_DEFAULTS = Object.freeze({ contentType: 'text/plain;charset=UTF-8' })

/** Options as the `options` query carries them (JSON leaves the `undefined` keys out). */
export type QueryOptions = Omit<FileUploadOptions, 'onProgress'> & { onProgress: undefined }

/** A body for the `*-object` routes: its bytes and the Content-Type to send them with. */
export interface ObjectBody {
  bytes: Uint8Array<ArrayBuffer>
  contentType: string | undefined
}

/** Whether a body goes to the `*-formdata` routes: a FormData, Blob or File. */
export function isMultipartBody(body: unknown): body is FormData | Blob {
  return isFormData(body) || isBlob(body)
}

/** The `options` query value: the defaults, then the caller's options, without `onProgress`. */
export function queryOptions(
  defaults: Readonly<FileUploadOptions>,
  options: FileUploadOptions | null | undefined,
): QueryOptions {
  return { ...defaults, ...options, onProgress: undefined }
}

/** Whether a MIME type is JSON: `application/json` or `application/<something>+json`. */
export function isJsonType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  return /^application\/([\w.-]+\+)?json$/.test(mediaType)
}

/** A copy of the bytes of an ArrayBuffer or a view on one; null for any other value. */
function binaryBytes(body: unknown): Uint8Array<ArrayBuffer> | null {
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0))
  if (typeof SharedArrayBuffer !== 'undefined' && body instanceof SharedArrayBuffer) {
    return new Uint8Array(body).slice()
  }
  if (ArrayBuffer.isView(body)) {
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice()
  }
  return null
}

/** JSON text of a value; a value JSON cannot encode (BigInt, circular) as its string form. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** The content as text for a JSON content type: strings and bytes in forms the server decodes. */
function jsonContent(body: unknown): string {
  const bytes = binaryBytes(body)
  if (bytes) return JSON.stringify({ type: 'Buffer', data: Array.from(bytes) })
  return jsonText(body)
}

/**
 * Encodes a `*-object` body. For a JSON content type it is JSON (a string as a JSON string,
 * bytes as `{"type":"Buffer","data":[...]}`) sent as `application/json`, as the server parses
 * JSON bodies. For any other type it is the raw content: text as UTF-8, bytes as they are, any
 * other value as its JSON text; null and undefined are empty.
 */
export function encodeObjectBody(body: unknown, contentType: string | undefined): ObjectBody {
  const utf8 = (text: string) => new TextEncoder().encode(text)
  if (body === null || body === undefined) return { bytes: new Uint8Array(0), contentType }
  if (isJsonType(contentType)) {
    return { bytes: utf8(jsonContent(body)), contentType: 'application/json' }
  }
  if (typeof body === 'string') return { bytes: utf8(body), contentType }
  return { bytes: binaryBytes(body) ?? utf8(jsonText(body)), contentType }
}

/** A FormData, or a Blob/File wrapped as the field `file`, encoded as multipart bytes. */
export async function encodeMultipart(
  body: FormData | Blob,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; contentType: string }> {
  let form = body
  if (!isFormData(form)) {
    form = new FormData()
    form.append('file', body as Blob)
  }
  const response = new Response(form)
  const contentType = response.headers.get('content-type') ?? 'multipart/form-data'
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType }
}
