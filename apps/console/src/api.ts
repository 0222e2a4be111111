/** The admin API's base path; the console is served from the same origin. */
export const API_BASE = '/_api/admin/v1'

/** An error answer of the admin API (or a network failure, with status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Record<string, unknown> | undefined

  constructor(
    status: number,
    code: string,
    message: string,
    details: Record<string, unknown> | undefined,
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>

export interface AdminApi {
  get<T>(path: string, query?: Query): Promise<T>
  post<T>(path: string, body?: unknown): Promise<T>
  put<T>(path: string, body?: unknown): Promise<T>
  patch<T>(path: string, body?: unknown): Promise<T>
  delete<T = void>(path: string): Promise<T>
  /** Raw bytes with progress (XMLHttpRequest upload events); fraction 0..1. */
  upload<T>(
    path: string,
    body: Blob,
    query: Query,
    onProgress: (fraction: number) => void,
  ): Promise<T>
  /** Bytes of a route (e.g. a private file's content for a preview) as a Blob. */
  blob(path: string, query?: Query): Promise<Blob>
}

export interface Page<T> {
  items: T[]
  page: number
  size: number
  total: number
}

/** The signed-in admin, as `/auth/sign-in` and `/auth/me` answer it. */
export interface Admin {
  id: string
  email: string
  createdAt: string
  lastSignInAt: string | null
}

/** What `createApi` needs from the app: the session token and what to do on a 401. */
export interface ApiOptions {
  getToken: () => string | null
  onUnauthorized: () => void
}

/** Builds the URL of an admin route with its query (undefined/null/'' values left out). */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value))
  }
  const search = params.toString()
  return `${API_BASE}${path}${search ? `?${search}` : ''}`
}

/** Turns an error answer's body into an ApiError, with a readable fallback message. */
export function toApiError(status: number, body: unknown): ApiError {
  const entry = (body as { errors?: { code?: string; message?: string; details?: unknown }[] })
    ?.errors?.[0]
  if (entry && typeof entry.message === 'string') {
    const details = entry.details as Record<string, unknown> | undefined
    return new ApiError(status, entry.code ?? 'error', entry.message, details)
  }
  const fallback = status === 0 ? 'The server could not be reached.' : `Request failed (${status}).`
  return new ApiError(status, status === 0 ? 'network_error' : 'http_error', fallback, undefined)
}

function parseJson(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Creates the admin API client: one fetcher owning the base URL, token, JSON and errors. */
export function createApi(options: ApiOptions): AdminApi {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const token = options.getToken()
    return token ? { ...extra, Authorization: `Bearer ${token}` } : extra
  }

  const fail = (status: number, body: unknown): never => {
    const error = toApiError(status, body)
    if (status === 401) options.onUnauthorized()
    throw error
  }

  const send = async (method: string, url: string, init: RequestInit = {}): Promise<Response> => {
    try {
      return await fetch(url, { ...init, method })
    } catch {
      throw toApiError(0, undefined)
    }
  }

  const json = async <T>(method: string, path: string, body?: unknown, query?: Query) => {
    const init: RequestInit =
      body === undefined
        ? { headers: headers() }
        : { headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) }
    const response = await send(method, apiUrl(path, query), init)
    const parsed = parseJson(await response.text())
    if (!response.ok) fail(response.status, parsed)
    return parsed as T
  }

  return {
    get: (path, query) => json('GET', path, undefined, query),
    post: (path, body) => json('POST', path, body),
    put: (path, body) => json('PUT', path, body),
    patch: (path, body) => json('PATCH', path, body),
    delete: (path) => json('DELETE', path),
    upload: (path, body, query, onProgress) =>
      xhrUpload(apiUrl(path, query), body, headers(), onProgress).then(
        ({ status, body: answer }) => (status >= 400 ? fail(status, answer) : answer) as never,
      ),
    blob: async (path, query) => {
      const response = await send('GET', apiUrl(path, query), { headers: headers() })
      if (!response.ok) fail(response.status, parseJson(await response.text()))
      return response.blob()
    },
  }
}

/** POSTs raw bytes with XMLHttpRequest so upload progress can be reported. */
function xhrUpload(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.setRequestHeader('Content-Type', body.type || 'application/octet-stream')
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total)
    }
    xhr.onload = () => {
      onProgress(1)
      resolve({ status: xhr.status, body: parseJson(xhr.responseText) })
    }
    xhr.onerror = () => reject(toApiError(0, undefined))
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.', undefined))
    xhr.send(body)
  })
}

/** Signs in with email and password; answers the token and the admin. */
export async function signIn(
  email: string,
  password: string,
): Promise<{ token: string; expiresAt: string; admin: Admin }> {
  const api = createApi({ getToken: () => null, onUnauthorized: () => undefined })
  return api.post('/auth/sign-in', { email, password })
}

/** The message to show for any thrown value. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  return 'Something went wrong.'
}
