/** Where an error came from, as the Altogic client expects it. */
export type ErrorOrigin = 'client_error' | 'server_error'

/** One entry of the error catalog: the HTTP status and a default message. */
export interface ErrorSpec {
  readonly status: number
  readonly message: string
}

/**
 * Every error code the Basalt server answers with. docs/errors.md lists each one; a test keeps
 * the two in step. Codes are snake_case and stable: clients branch on them.
 */
export const ERROR_CATALOG = {
  // Request envelope
  bad_request: { status: 400, message: 'The request is malformed.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  validation_error: { status: 400, message: 'The request failed validation.' },
  resource_not_found: { status: 404, message: 'No resource was found at this path.' },
  method_not_allowed: { status: 405, message: 'This method is not allowed on this path.' },
  payload_too_large: { status: 413, message: 'The request body is larger than the limit.' },
  unsupported_media_type: {
    status: 415,
    message: 'The request body has a content type this route does not accept.',
  },
  headers_too_large: { status: 431, message: 'The request headers are larger than the limit.' },
  rate_limit_exceeded: { status: 429, message: 'Too many requests; try again later.' },
  internal_server_error: { status: 500, message: 'An unexpected error occurred on the server.' },
  service_unavailable: { status: 503, message: 'The service is not available right now.' },
  database_unavailable: { status: 503, message: 'The database cannot be reached.' },

  // Keys
  missing_client_key: {
    status: 401,
    message: 'The X-Client-Key header is required on every /_api/rest/v1 request.',
  },
  invalid_client_key: { status: 401, message: 'The client key is unknown, expired or revoked.' },
  missing_api_key: {
    status: 401,
    message: 'This route needs an API key in the Authorization header or the apikey parameter.',
  },
  invalid_api_key: { status: 401, message: 'The API key is unknown, expired or revoked.' },
  module_not_allowed: {
    status: 403,
    message: 'The client key does not grant access to this module.',
  },
  domain_not_allowed: {
    status: 403,
    message: 'The request origin is not an authorized domain of this key.',
  },
  endpoint_not_allowed: {
    status: 403,
    message: 'The API key does not grant access to this endpoint.',
  },

  // Sessions
  missing_session_token: { status: 401, message: 'A session token is required for this request.' },
  invalid_session_token: { status: 401, message: 'The session token is invalid or expired.' },

  // Authentication
  invalid_credentials: { status: 401, message: 'The email, phone or password is not right.' },
  email_not_verified: { status: 401, message: 'The email address is not confirmed yet.' },
  phone_not_verified: { status: 401, message: 'The phone number is not confirmed yet.' },
  email_already_exists: { status: 409, message: 'An account with this email already exists.' },
  phone_already_exists: { status: 409, message: 'An account with this phone already exists.' },
  invalid_token: { status: 400, message: 'The link or token is invalid, used or expired.' },
  redirect_not_allowed: {
    status: 400,
    message: 'The redirect URL is not in the app allow-list (auth.redirectUrls).',
  },
  invalid_code: { status: 400, message: 'The code is wrong, used or expired.' },
  user_not_found: { status: 404, message: 'The user no longer exists.' },

  // OAuth
  oauth_provider_not_configured: {
    status: 404,
    message: 'No OAuth provider of this name is configured.',
  },
  oauth_invalid_state: {
    status: 400,
    message: 'The sign-in is unknown, used, expired or from another browser; start it again.',
  },
  oauth_denied: { status: 400, message: 'The provider did not authorize the sign-in.' },
  oauth_exchange_failed: {
    status: 502,
    message: "The provider's answer could not be used to sign in.",
  },

  // Cache
  cache_key_size_exceeded: {
    status: 413,
    message: 'The cache value is larger than the limit.',
  },
  cache_value_not_integer: {
    status: 400,
    message: 'The cached value is not an integer, or the result is out of range.',
  },

  // Realtime
  realtime_invalid_payload: {
    status: 400,
    message: 'The realtime event payload is not valid.',
  },
  realtime_payload_too_large: {
    status: 413,
    message: 'The realtime event payload is larger than the limit.',
  },
  realtime_too_many_channels: {
    status: 400,
    message: 'The socket is in as many channels as it may join.',
  },

  // Database: expressions
  expression_syntax_error: {
    status: 400,
    message: 'The expression cannot be parsed.',
  },
  expression_too_complex: {
    status: 400,
    message: 'The expression is longer or deeper than the limit.',
  },
  expression_type_error: {
    status: 400,
    message: 'The expression combines values of types that do not go together.',
  },
  unknown_function: {
    status: 400,
    message: 'The expression calls a function that does not exist.',
  },
  invalid_function_arguments: {
    status: 400,
    message: 'A function of the expression has the wrong number or kind of arguments.',
  },
  function_not_allowed_in_query: {
    status: 400,
    message: 'This function cannot run inside a database query.',
  },

  // Database: models and objects
  unknown_model: { status: 404, message: 'No model of this name is declared.' },
  unknown_field: { status: 400, message: 'The model has no field of this name.' },
  invalid_object_id: { status: 400, message: 'The id is not a 24-character hexadecimal id.' },
  object_not_found: { status: 404, message: 'No object with this id exists.' },
  duplicate_value: {
    status: 409,
    message: 'Another object already has this value in a unique field.',
  },
  invalid_query: { status: 400, message: 'The query is not valid for this operation.' },
  model_closed: {
    status: 403,
    message: 'The model has no access rule for this operation, so client keys may not do it.',
  },
  access_denied: { status: 403, message: 'The access rule of the model does not allow this.' },

  // Endpoints, queues and tasks
  handler_error: { status: 500, message: "The app's handler failed." },
  handler_timeout: { status: 504, message: "The app's handler did not finish in time." },
  unknown_queue: { status: 404, message: 'No queue of this name is declared.' },
  unknown_task: { status: 404, message: 'No task of this name is declared.' },
  invalid_message: { status: 400, message: 'The message must be a JSON object.' },

  // Storage
  bucket_not_found: { status: 404, message: 'No bucket of this name or id exists.' },
  file_not_found: { status: 404, message: 'No file of this name or id exists in the bucket.' },
  bucket_already_exists: { status: 409, message: 'A bucket of this name already exists.' },
  file_already_exists: {
    status: 409,
    message: 'A file of this name already exists in the bucket.',
  },
  root_bucket_protected: {
    status: 400,
    message: 'The root bucket cannot be renamed or deleted, and no other bucket may be named root.',
  },
  invalid_name: {
    status: 400,
    message: 'The name is empty, too long, or holds a slash, a control character or only dots.',
  },
  file_too_large: { status: 413, message: 'The file is larger than the maximum file size.' },
  invalid_upload: { status: 400, message: 'The upload has no file content this route can read.' },
  content_type_mismatch: {
    status: 400,
    message: "The file's content does not match its declared content type.",
  },
  invalid_image_transform: {
    status: 400,
    message: 'The image transform parameters are not valid, or the file is not an image.',
  },
  range_not_satisfiable: { status: 416, message: 'The requested range is not satisfiable.' },
  storage_unavailable: { status: 503, message: 'The file store cannot be reached.' },
  // Admin API (docs/admin-api.md)
  admin_session_required: {
    status: 401,
    message: 'This call needs an admin session: sign in to the admin API first.',
  },
  invalid_admin_session: {
    status: 401,
    message: 'The admin session is unknown or has expired; sign in again.',
  },
  invalid_admin_credentials: { status: 401, message: 'The admin email or password is not right.' },
  admin_already_exists: { status: 409, message: 'An admin account with this email exists.' },
  admin_not_found: { status: 404, message: 'No admin account with this email exists.' },
  // Admin API: queues and cache (docs/admin-api.md)
  message_not_found: { status: 404, message: 'No queue message with this id exists.' },
  message_not_retryable: {
    status: 409,
    message: 'Only a message whose processing failed (status errors) can be retried.',
  },
  cache_key_not_found: { status: 404, message: 'No cache key of this name exists.' },
  // Admin API: users, sessions and keys (docs/admin-api.md)
  user_disabled: { status: 403, message: 'This account is disabled; it cannot sign in.' },
  session_not_found: { status: 404, message: 'The user has no live session with this id.' },
  key_not_found: { status: 404, message: 'No key with this id exists.' },
} as const satisfies Record<string, ErrorSpec>

/** A code of the error catalog. */
export type ErrorCode = keyof typeof ERROR_CATALOG

/** The list of every catalog code. */
export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[]

/** Whether a string is a code of the catalog. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code)
}

/** The origin that goes with an HTTP status: client_error for 4xx, server_error otherwise. */
export function originForStatus(status: number): ErrorOrigin {
  return status >= 400 && status < 500 ? 'client_error' : 'server_error'
}

/**
 * Codes the client library produces itself, without a server answer (the published Altogic
 * client hangs or rejects in these cases; Basalt's client returns them as `errors`).
 * `status` is the HTTP status the client reports: 0 where no response arrived.
 */
export const CLIENT_ERROR_CATALOG = {
  network_error: { status: 0, message: 'The server could not be reached.' },
  request_timeout: { status: 0, message: 'The server did not answer within the timeout.' },
  invalid_response_body: {
    status: 0,
    message: 'The server answered with an error whose body is not JSON.',
  },
  missing_required_value: { status: 0, message: 'A required parameter is missing.' },
  session_token_not_found: {
    status: 400,
    message: "Cannot identify the session token 'session_token' from the request headers",
  },
} as const satisfies Record<string, ErrorSpec>

/** A code the client library produces locally. */
export type ClientErrorCode = keyof typeof CLIENT_ERROR_CATALOG
