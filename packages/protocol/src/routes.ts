/** Prefix of every built-in module route. */
export const REST_PREFIX = '/_api/rest/v1'

/** The admin API of the console and scripts (docs/admin-api.md): admin accounts only. */
export const ADMIN_PREFIX = '/_api/admin/v1'

/** Where the server serves the admin console. */
export const CONSOLE_PATH = '/_console'
/** Prefix of the browser-facing auth links (email links, OAuth). */
export const AUTH_LINK_PREFIX = '/_auth'
/** Prefix of everything the platform reserves; app endpoints live elsewhere. */
export const API_PREFIX = '/_api'
/** Health check, outside the key-protected REST prefix. */
export const HEALTH_PATH = '/_api/health'

/** Header names of the protocol (lower case, as Node exposes them). */
export const HEADERS = {
  client: 'x-client',
  clientKey: 'x-client-key',
  session: 'session',
  authorization: 'authorization',
  requestId: 'x-request-id',
} as const

/** Query parameter that may carry an API key instead of the Authorization header. */
export const API_KEY_QUERY_PARAM = 'apikey'

/** Session error codes that make a client drop its stored session. */
export const SESSION_INVALIDATING_CODES: readonly string[] = [
  'invalid_session_token',
  'missing_session_token',
]
