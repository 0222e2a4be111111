import type { Result } from '@basalt/protocol'
import { Fetcher } from '../fetcher.js'
import type { ResolveType } from '../response-decoding.js'
import type { KeyValuePair } from '../types.js'
import type { ProgressCallback } from '../xhr-upload.js'
import { toAgnostPath } from './agnost-routes.js'

/**
 * The Basalt fetcher speaking the Agnost route table: the shared auth and realtime flows build
 * Altogic paths (`/_api/rest/v1/...`), sent here as `/agnost/...`. App endpoint paths and paths
 * already under `/agnost` go unchanged. Headers, session and error mapping are the fetcher's.
 */
export class AgnostFetcher extends Fetcher {
  /** Sends a GET request to the Agnost form of `path`. */
  override get<T = unknown>(
    path: string,
    query?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    resolveType?: ResolveType,
  ): Promise<Result<T>> {
    return super.get<T>(toAgnostPath(path), query, headers, resolveType)
  }

  /** Sends a POST request to the Agnost form of `path`. */
  override post<T = unknown>(
    path: string,
    body?: unknown,
    query?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    resolveType?: ResolveType,
  ): Promise<Result<T>> {
    return super.post<T>(toAgnostPath(path), body, query, headers, resolveType)
  }

  /** Sends a PUT request to the Agnost form of `path`. */
  override put<T = unknown>(
    path: string,
    body?: unknown,
    query?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    resolveType?: ResolveType,
  ): Promise<Result<T>> {
    return super.put<T>(toAgnostPath(path), body, query, headers, resolveType)
  }

  /** Sends a DELETE request to the Agnost form of `path`. */
  override delete<T = unknown>(
    path: string,
    body?: unknown,
    query?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    resolveType?: ResolveType,
  ): Promise<Result<T>> {
    return super.delete<T>(toAgnostPath(path), body, query, headers, resolveType)
  }

  /** Uploads multipart (with progress through XHR in browsers) to the Agnost form of `path`. */
  override upload<T = unknown>(
    path: string,
    body: unknown,
    query?: KeyValuePair | null,
    headers?: KeyValuePair | null,
    progressCallback?: ProgressCallback | null,
  ): Promise<Result<T>> {
    return super.upload<T>(toAgnostPath(path), body, query, headers, progressCallback)
  }

  /** The API key sent raw in `Authorization`. */
  getApiKey(): string {
    return this.headers.Authorization as string
  }
}
