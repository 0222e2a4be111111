import type { APIError } from '@basalt/protocol'
import { APIBase } from './api-base.js'
import type { Fetcher } from './fetcher.js'
import type { ResolveType } from './response-decoding.js'
import type { KeyValuePair } from './types.js'

/** What an endpoint call resolves to: the answer's body, or the errors. */
export interface EndpointResult<T> {
  data: T | null
  errors: APIError | null
}

/**
 * The type of `data` for a resolve type: `T` for JSON (the body's declared type), `string` for
 * text, `Blob` for blob and `ArrayBuffer` for arraybuffer. A `ResolveType` that is not a literal
 * gives the union.
 */
export type ResolvedBody<T, R extends ResolveType> = R extends 'text'
  ? string
  : R extends 'blob'
    ? Blob
    : R extends 'arraybuffer'
      ? ArrayBuffer
      : T

/** A request body: FormData or a Blob/File (sent as multipart), anything else as JSON. */
export type EndpointBody = FormData | Blob | object | null

/**
 * Calls the app's own REST endpoints (§5): paths relative to the env URL, not under `/_api`.
 * Query values are encoded (objects as JSON), call headers are merged over the defaults (the
 * `Authorization` API key and the `Session` token can be overridden per call), and the answer
 * is read as `json` (default), `text`, `blob` or `arraybuffer`.
 *
 * The type parameter `T` is the JSON body's type (`any` by default, as in the published client);
 * with another resolve type `data` is typed `string`, `Blob` or `ArrayBuffer`.
 */
export class EndpointManager extends APIBase {
  /** Creates the endpoint manager on the shared transport. */
  constructor(fetcher: Fetcher) {
    super(fetcher)
  }

  /** Sends a GET request to `path` with optional query parameters and extra headers. */
  // `any` by default mirrors the published client: callers read fields without declaring a type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get<T = any, R extends ResolveType = 'json'>(
    path: string,
    queryParams?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    resolveType?: R,
  ): Promise<EndpointResult<ResolvedBody<T, R>>> {
    return this.fetcher.get<ResolvedBody<T, R>>(
      path,
      queryParams ?? {},
      headers ?? {},
      resolveType || 'json',
    )
  }

  /** Sends a POST request to `path` with an optional JSON or FormData body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  post<T = any, R extends ResolveType = 'json'>(
    path: string,
    body?: EndpointBody,
    queryParams?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    resolveType?: R,
  ): Promise<EndpointResult<ResolvedBody<T, R>>> {
    return this.fetcher.post<ResolvedBody<T, R>>(
      path,
      body,
      queryParams ?? {},
      headers ?? {},
      resolveType || 'json',
    )
  }

  /** Sends a PUT request to `path` with an optional JSON or FormData body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  put<T = any, R extends ResolveType = 'json'>(
    path: string,
    body?: EndpointBody,
    queryParams?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    resolveType?: R,
  ): Promise<EndpointResult<ResolvedBody<T, R>>> {
    return this.fetcher.put<ResolvedBody<T, R>>(
      path,
      body,
      queryParams ?? {},
      headers ?? {},
      resolveType || 'json',
    )
  }

  /** Sends a DELETE request to `path`; a JSON or FormData body is allowed. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  delete<T = any, R extends ResolveType = 'json'>(
    path: string,
    body?: EndpointBody,
    queryParams?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    resolveType?: R,
  ): Promise<EndpointResult<ResolvedBody<T, R>>> {
    return this.fetcher.delete<ResolvedBody<T, R>>(
      path,
      body,
      queryParams ?? {},
      headers ?? {},
      resolveType || 'json',
    )
  }
}
