/** An error the client library throws itself (bad arguments), shaped like a server error entry. */
export class ClientError extends Error {
  readonly origin = 'client_error'
  readonly code: string
  readonly details?: Record<string, unknown>

  /** Creates a client error with a stable `code` and a human readable `message`. */
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'ClientError'
    this.code = code
    this.details = details
  }
}
