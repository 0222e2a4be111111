import { ERROR_CATALOG, originForStatus } from '@basalt/protocol'
import type { ErrorCode, ErrorEntry } from '@basalt/protocol'

/** An error with a catalog code; the API layer renders it into the error envelope. */
export class BasaltError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly details: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    // A 4xx is an answer, not a fault: capturing its stack costs more than the rest of a request.
    const expected = ERROR_CATALOG[code].status < 500
    const limit = Error.stackTraceLimit
    if (expected) Error.stackTraceLimit = 0
    super(message ?? ERROR_CATALOG[code].message)
    if (expected) Error.stackTraceLimit = limit
    this.name = 'BasaltError'
    this.code = code
    this.status = ERROR_CATALOG[code].status
    this.details = details
  }

  /** The wire form of this error. */
  toEntry(): ErrorEntry {
    const entry: ErrorEntry = {
      origin: originForStatus(this.status),
      code: this.code,
      message: this.message,
    }
    if (this.details) entry.details = this.details
    return entry
  }
}

/** Makes a catalog error; the one way the server creates errors it means to show. */
export function fail(
  code: ErrorCode,
  message?: string,
  details?: Record<string, unknown>,
): BasaltError {
  return new BasaltError(code, message, details)
}

/** Whether a value is a BasaltError. */
export function isBasaltError(error: unknown): error is BasaltError {
  return error instanceof BasaltError
}
