import { PROVIDER_TIMEOUT_MS, postToProvider, refused, textAt } from '../provider-request.js'
import type { ProviderRequest } from '../provider-request.js'
import type { SmsMessage, SmsSender } from '../sms-sender.js'

/** Twilio account and sender. */
export interface TwilioOptions {
  accountSid: string
  authToken: string
  /** The Twilio number (E.164) or alphanumeric sender ID the messages come from. */
  from: string
  /** The API's origin (default https://api.twilio.com); tests point it at a local server. */
  baseUrl?: string
  /** How long Twilio has to answer (default 10 s). */
  timeoutMs?: number
}

const TWILIO_API = 'https://api.twilio.com'

/** Sends text messages through Twilio's Messages API. */
export class TwilioSmsSender implements SmsSender {
  readonly #options: TwilioOptions

  constructor(options: TwilioOptions) {
    this.#options = options
  }

  async send(message: SmsMessage): Promise<void> {
    const request = this.#request(message)
    const answer = await postToProvider(request)
    if (answer.status >= 200 && answer.status < 300) return
    throw refused(request, answer.status, twilioDetail(answer.body))
  }

  #request(message: SmsMessage): ProviderRequest {
    const { accountSid, authToken, from } = this.#options
    const base = (this.#options.baseUrl ?? TWILIO_API).replace(/\/+$/, '')
    const basic = Buffer.from(`${accountSid}:${authToken}`).toString('base64')
    return {
      provider: 'Twilio',
      url: `${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`,
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: message.to, From: from, Body: message.body }).toString(),
      timeoutMs: this.#options.timeoutMs ?? PROVIDER_TIMEOUT_MS,
      secrets: [authToken],
    }
  }
}

// Twilio answers errors as {code, message, more_info, status}.
function twilioDetail(body: unknown): string | undefined {
  const message = textAt(body, 'message')
  const code = typeof body === 'object' && body !== null ? Reflect.get(body, 'code') : undefined
  return message && typeof code === 'number' ? `${message} (code ${code})` : message
}
