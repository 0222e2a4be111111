import {
  PROVIDER_TIMEOUT_MS,
  firstAt,
  postToProvider,
  refused,
  textAt,
} from '../provider-request.js'
import type { ProviderRequest } from '../provider-request.js'
import type { SmsMessage, SmsSender } from '../sms-sender.js'

/** MessageBird account and sender. */
export interface MessageBirdOptions {
  accessKey: string
  /** The originator: a number or an alphanumeric sender ID of at most 11 characters. */
  from: string
  /** The API's origin (default https://rest.messagebird.com); tests point it at a local server. */
  baseUrl?: string
  /** How long MessageBird has to answer (default 10 s). */
  timeoutMs?: number
}

const MESSAGEBIRD_API = 'https://rest.messagebird.com'

/** Sends text messages through MessageBird's SMS Messaging API. */
export class MessageBirdSmsSender implements SmsSender {
  readonly #options: MessageBirdOptions

  constructor(options: MessageBirdOptions) {
    this.#options = options
  }

  async send(message: SmsMessage): Promise<void> {
    const request = this.#request(message)
    const answer = await postToProvider(request)
    if (answer.status === 201) return
    // MessageBird answers errors as {errors: [{code, description, parameter}]}.
    throw refused(request, answer.status, textAt(firstAt(answer.body, 'errors'), 'description'))
  }

  #request(message: SmsMessage): ProviderRequest {
    const { accessKey, from } = this.#options
    return {
      provider: 'MessageBird',
      url: `${(this.#options.baseUrl ?? MESSAGEBIRD_API).replace(/\/+$/, '')}/messages`,
      headers: { authorization: `AccessKey ${accessKey}`, 'content-type': 'application/json' },
      // datacoding auto: MessageBird's default ('plain') would drop non-GSM characters.
      body: JSON.stringify({
        originator: from,
        recipients: [message.to],
        body: message.body,
        datacoding: 'auto',
      }),
      timeoutMs: this.#options.timeoutMs ?? PROVIDER_TIMEOUT_MS,
      secrets: [accessKey],
    }
  }
}
