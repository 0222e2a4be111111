import type { Result } from '@basalt/protocol'
import { startDeadline } from './deadline.js'
import type { FetchFunction } from './options.js'
import { buildUrl, encodeBody, mergeHeaders, withoutContentType } from './request-encoding.js'
import {
  decodeResponse,
  networkErrorResult,
  timeoutResult,
  type Decoded,
  type ResolveType,
} from './response-decoding.js'
import type { KeyValuePair, Session } from './types.js'
import { xhrUpload, type ProgressCallback } from './xhr-upload.js'

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** What the fetcher tells when the server rejects the session: a client with an auth manager. */
export interface SessionOwner {
  readonly auth: { invalidateSession(): void }
}

/** Basalt additions to the fetcher: a request timeout and a custom fetch. */
export interface FetcherOptions {
  timeout?: number
  fetch?: FetchFunction
}

/**
 * The one transport of the client: base URL, default headers, session token, body encoding and
 * error mapping. Every call resolves to `{data, errors}`; none rejects.
 */
export class Fetcher {
  protected apiClient: SessionOwner
  protected restUrl: string
  protected headers: KeyValuePair
  protected session: Session | null
  readonly #options: FetcherOptions

  /** Creates a fetcher for `restUrl` sending `headers` on every request. */
  constructor(
    apiClient: SessionOwner,
    restUrl: string,
    headers: KeyValuePair,
    options: FetcherOptions = {},
  ) {
    this.apiClient = apiClient
    this.restUrl = restUrl
    this.headers = headers
    this.session = null
    this.#options = options
  }

  /** Sends a GET request. */
  get<T = unknown>(
    path: string,
    query: KeyValuePair | null = {},
    headers: KeyValuePair | null = {},
    resolveType: ResolveType = 'json',
  ): Promise<Result<T>> {
    return this.#request<T>('GET', path, query, headers, null, resolveType)
  }

  /** Sends a POST request; the body is FormData, a Blob/File or anything JSON. */
  post<T = unknown>(
    path: string,
    body: unknown = null,
    query: KeyValuePair | null = {},
    headers: KeyValuePair | null = {},
    resolveType: ResolveType = 'json',
  ): Promise<Result<T>> {
    return this.#request<T>('POST', path, query, headers, body, resolveType)
  }

  /** Sends a PUT request. */
  put<T = unknown>(
    path: string,
    body: unknown = null,
    query: KeyValuePair | null = {},
    headers: KeyValuePair | null = {},
    resolveType: ResolveType = 'json',
  ): Promise<Result<T>> {
    return this.#request<T>('PUT', path, query, headers, body, resolveType)
  }

  /** Sends a DELETE request. */
  delete<T = unknown>(
    path: string,
    body: unknown = null,
    query: KeyValuePair | null = {},
    headers: KeyValuePair | null = {},
    resolveType: ResolveType = 'json',
  ): Promise<Result<T>> {
    return this.#request<T>('DELETE', path, query, headers, body, resolveType)
  }

  /**
   * Uploads a body as multipart with progress reports, through XMLHttpRequest where it exists
   * (success on HTTP 200 only); elsewhere it is a plain POST.
   */
  async upload<T = unknown>(
    path: string,
    body: unknown,
    query: KeyValuePair | null = {},
    headers: KeyValuePair | null = {},
    progressCallback: ProgressCallback | null = null,
  ): Promise<Result<T>> {
    if (typeof XMLHttpRequest === 'undefined') return this.post<T>(path, body, query, headers)
    const decoded = await xhrUpload({
      url: buildUrl(this.restUrl, path, query),
      headers: mergeHeaders(withoutContentType(this.headers), withoutContentType({ ...headers })),
      body,
      timeout: this.#options.timeout,
      onProgress: progressCallback,
    })
    return this.#settle(decoded as Decoded<T>)
  }

  /**
   * Basalt: POSTs a body already encoded (bytes, a Blob, FormData or a stream) as it is, with
   * `headers` over the defaults unchanged, so a raw body keeps its Content-Type; a stream is sent
   * with `duplex: 'half'`. With `onProgress` where XMLHttpRequest exists it goes through XHR
   * (success on HTTP 200 only).
   */
  async sendBody<T = unknown>(
    path: string,
    body: BodyInit | null,
    query: KeyValuePair | null = {},
    headers: KeyValuePair | null = {},
    onProgress: ProgressCallback | null = null,
  ): Promise<Result<T>> {
    const url = buildUrl(this.restUrl, path, query)
    const allHeaders = mergeHeaders(this.headers, headers)
    if (onProgress && typeof XMLHttpRequest !== 'undefined') {
      const { timeout } = this.#options
      const request = { url, headers: allHeaders, body, raw: true, timeout, onProgress }
      return this.#settle((await xhrUpload(request)) as Decoded<T>)
    }
    const streamed = typeof ReadableStream !== 'undefined' && body instanceof ReadableStream
    const init: RequestInit & { duplex?: 'half' } = {
      method: 'POST',
      headers: allHeaders,
      body,
      credentials: 'include',
      ...(streamed ? { duplex: 'half' } : {}),
    }
    return this.#settle(await this.#send<T>(url, init, 'json'))
  }

  /** Uses `session.token` in the `Session` header from now on (ignored without a token). */
  setSession(session: Session | null | undefined): void {
    if (!session?.token) return
    this.session = session
    this.headers.Session = session.token
  }

  /** Forgets the session and stops sending the `Session` header. */
  clearSession(): void {
    this.session = null
    delete this.headers.Session
  }

  /** The base URL every path is appended to. */
  getBaseUrl(): string {
    return this.restUrl
  }

  /** The client key sent in `X-Client-Key`. */
  getClientKey(): string {
    return this.headers['X-Client-Key'] as string
  }

  /** The session token sent in `Session`, if any. */
  getSessionToken(): string | undefined {
    return this.headers.Session as string | undefined
  }

  async #request<T>(
    method: Method,
    path: string,
    query: KeyValuePair | null,
    headers: KeyValuePair | null,
    body: unknown,
    resolveType: ResolveType,
  ): Promise<Result<T>> {
    const encoded = encodeBody(body, headers)
    const url = buildUrl(this.restUrl, path, query)
    const init: RequestInit = {
      method,
      headers: mergeHeaders(this.headers, encoded.headers),
      body: encoded.body,
      credentials: 'include',
    }
    return this.#settle(await this.#send<T>(url, init, resolveType))
  }

  /** Fetches and decodes under the timeout; no answer becomes network_error or request_timeout. */
  async #send<T>(url: string, init: RequestInit, resolveType: ResolveType): Promise<Decoded<T>> {
    const deadline = startDeadline(this.#options.timeout)
    const fetchFn = this.#options.fetch ?? globalThis.fetch // called unbound: browsers require it
    try {
      const work = async () => {
        const response = await fetchFn(url, { ...init, signal: deadline.signal })
        return decodeResponse<T>(response, resolveType)
      }
      return await deadline.race(work())
    } catch (error) {
      const result = deadline.expired()
        ? timeoutResult(this.#options.timeout ?? 0)
        : networkErrorResult(error)
      return { result, invalidatesSession: false }
    } finally {
      deadline.clear()
    }
  }

  /** Drops the session when the server said it is missing or invalid, then hands back the result. */
  #settle<T>(decoded: Decoded<T>): Result<T> {
    if (decoded.invalidatesSession) this.apiClient.auth.invalidateSession()
    return decoded.result
  }
}
