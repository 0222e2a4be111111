/** A provider refused a text message, could not be reached or did not answer in time. */
export class SmsProviderError extends Error {
  readonly provider: string
  /** The HTTP status the provider answered; undefined when it did not answer. */
  readonly status: number | undefined

  constructor(provider: string, message: string, status?: number) {
    super(message)
    this.name = 'SmsProviderError'
    this.provider = provider
    this.status = status
  }
}

/** One POST to an SMS provider's API. */
export interface ProviderRequest {
  provider: string
  url: string
  headers: Record<string, string>
  body: string
  timeoutMs: number
  /** Strings that must never appear in an error message (tokens, secrets). */
  secrets: readonly string[]
}

/** What the provider answered: the status and the body, parsed when it is JSON. */
export interface ProviderAnswer {
  status: number
  body: unknown
}

/** The default time a provider has to answer. */
export const PROVIDER_TIMEOUT_MS = 10_000

/** Sends the request; rejects with an SmsProviderError when no answer arrives in time. */
export async function postToProvider(request: ProviderRequest): Promise<ProviderAnswer> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { accept: 'application/json', ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    })
    return { status: response.status, body: parseJson(await response.text()) }
  } catch (error) {
    throw unanswered(request, error)
  }
}

/** The error for an answer that refuses the message, with the provider's own words. */
export function refused(
  request: ProviderRequest,
  status: number,
  detail: string | undefined,
): SmsProviderError {
  const words = detail ? `: ${redact(detail, request.secrets)}` : ''
  return new SmsProviderError(
    request.provider,
    `${request.provider} refused the message (HTTP ${status})${words}`,
    status,
  )
}

/** A property of a parsed JSON body, when it is a non-empty string. */
export function textAt(value: unknown, key: string): string | undefined {
  const found = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined
  return typeof found === 'string' && found !== '' ? found : undefined
}

/** The first element of an array property of a parsed JSON body. */
export function firstAt(value: unknown, key: string): unknown {
  const found = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined
  return Array.isArray(found) ? found[0] : undefined
}

function unanswered(request: ProviderRequest, error: unknown): SmsProviderError {
  const { provider, timeoutMs } = request
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new SmsProviderError(provider, `${provider} did not answer within ${timeoutMs} ms`)
  }
  const code = textAt(error instanceof Error ? error.cause : undefined, 'code')
  const reason = code ? ` (${code})` : ''
  // No cause attached: fetch's errors may quote the URL, and Twilio's holds the account SID.
  return new SmsProviderError(provider, `${provider} could not be reached${reason}`)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce(
    (safe, secret) => (secret ? safe.split(secret).join('[redacted]') : safe),
    text,
  )
}
