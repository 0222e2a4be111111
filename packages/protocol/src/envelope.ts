import type { ErrorOrigin } from './errors.js'

/** One error of an error response. */
export interface ErrorEntry {
  origin: ErrorOrigin | string
  code: string
  message: string
  details?: Record<string, unknown>
}

/** The body of every non-2xx response. */
export interface ErrorBody {
  errors: ErrorEntry[]
}

/** The `errors` value a client call returns on failure. */
export interface APIError {
  status: number
  statusText: string
  items: ErrorEntry[]
}

/** What every client call resolves to: data on success, errors on failure. */
export interface Result<T> {
  data: T | null
  errors: APIError | null
}
