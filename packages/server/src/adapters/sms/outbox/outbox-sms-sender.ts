import type { OutboxLog, OutboxStore } from '../../outbox/outbox-store.js'
import type { SmsMessage, SmsSender } from '../sms-sender.js'

/** Options of the development SMS sender. */
export interface OutboxSmsSenderOptions {
  /** Called with each stored entry, to print it in the development log. */
  log?: OutboxLog
}

/** An SmsSender for development without a provider: messages go to the outbox table and the log. */
export class OutboxSmsSender implements SmsSender {
  readonly #store: OutboxStore
  readonly #log: OutboxLog | undefined

  constructor(store: OutboxStore, options: OutboxSmsSenderOptions = {}) {
    this.#store = store
    this.#log = options.log
  }

  async send(message: SmsMessage): Promise<void> {
    const entry = await this.#store.record({
      kind: 'sms',
      recipient: message.to,
      body: message.body,
    })
    this.#log?.(entry)
  }
}
