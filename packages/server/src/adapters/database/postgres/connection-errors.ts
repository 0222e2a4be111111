import { fail } from '../../../tools/errors.js'

// SQLSTATE class 08 (connection exception) and 57P0x (the server shutting down or starting).
const SQLSTATE_UNAVAILABLE = /^(08|57P0[1-3])/
const NODE_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'])
const MESSAGE_UNAVAILABLE = /Connection terminated|connection timeout|Connection refused/i

/** Whether an error means the database cannot be reached, rather than a bad statement. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (SQLSTATE_UNAVAILABLE.test(code) || NODE_UNAVAILABLE.has(code))) {
    return true
  }
  return MESSAGE_UNAVAILABLE.test(error.message)
}

/** Rethrows a lost connection as the catalog's 503, anything else as it is. */
export function translateConnectionError(error: unknown): never {
  if (isConnectionError(error)) {
    const failure = fail('database_unavailable')
    failure.cause = error
    throw failure
  }
  throw error
}
