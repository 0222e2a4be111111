import { PROVIDER_TIMEOUT_MS, postToProvider, refused, textAt } from '../provider-request.js'
import type { ProviderRequest } from '../provider-request.js'
import type { SmsMessage, SmsSender } from '../sms-sender.js'
import { isGsm7 } from './gsm-alphabet.js'

/** Vonage account and sender. */
export interface VonageOptions {
  apiKey: string
  apiSecret: string
  /** The number or alphanumeric sender ID the messages come from. */
  from: string
  /** The API's origin (default https://rest.nexmo.com); tests point it at a local server. */
  baseUrl?: string
  /** How long Vonage has to answer (default 10 s). */
  timeoutMs?: number
}

const VONAGE_API = 'https://rest.nexmo.com'

/** Sends text messages through Vonage's SMS API. */
export class VonageSmsSender implements SmsSender {
  readonly #options: VonageOptions

  constructor(options: VonageOptions) {
    this.#options = options
  }

  async send(message: SmsMessage): Promise<void> {
    const request = this.#request(message)
    const answer = await postToProvider(request)
    if (answer.status !== 200) {
      throw refused(request, answer.status, textAt(answer.body, 'error-text'))
    }
    const parts = partsOf(answer.body)
    if (parts.length === 0) throw refused(request, 200, 'the answer lists no message')
    // A 200 still carries one status per message part: '0' is accepted, anything else refused.
    const failed = parts.find((part) => textAt(part, 'status') !== '0')
    if (failed !== undefined) throw refused(request, 200, partError(failed))
  }

  #request(message: SmsMessage): ProviderRequest {
    const { apiKey, apiSecret, from } = this.#options
    const form = new URLSearchParams({
      api_key: apiKey,
      api_secret: apiSecret,
      from: withoutPlus(from),
      to: withoutPlus(message.to),
      text: message.body,
    })
    // Without type=unicode Vonage sends GSM-7 and mangles every other character.
    if (!isGsm7(message.body)) form.set('type', 'unicode')
    return {
      provider: 'Vonage',
      url: `${(this.#options.baseUrl ?? VONAGE_API).replace(/\/+$/, '')}/sms/json`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      timeoutMs: this.#options.timeoutMs ?? PROVIDER_TIMEOUT_MS,
      secrets: [apiSecret],
    }
  }
}

function partsOf(body: unknown): unknown[] {
  const parts = typeof body === 'object' && body !== null ? Reflect.get(body, 'messages') : []
  return Array.isArray(parts) ? parts : []
}

function partError(part: unknown): string {
  const status = textAt(part, 'status') ?? 'missing'
  return `${textAt(part, 'error-text') ?? 'no error-text'} (status ${status})`
}

// Vonage wants numbers in E.164 without the leading '+'.
function withoutPlus(number: string): string {
  return number.replace(/^\+/, '')
}
