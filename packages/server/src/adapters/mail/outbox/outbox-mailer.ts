import type { OutboxLog, OutboxStore } from '../../outbox/outbox-store.js'
import type { Mailer, MailMessage } from '../mailer.js'

/** Options of the development mailer. */
export interface OutboxMailerOptions {
  /** Called with each stored entry, to print it in the development log. */
  log?: OutboxLog
}

/** A Mailer for development without SMTP: each message goes to the outbox table and the log. */
export class OutboxMailer implements Mailer {
  readonly #store: OutboxStore
  readonly #log: OutboxLog | undefined
  #closed = false

  constructor(store: OutboxStore, options: OutboxMailerOptions = {}) {
    this.#store = store
    this.#log = options.log
  }

  async send(message: MailMessage): Promise<void> {
    // Refused like the SMTP mailer's, so that no caller comes to rely on sending after close.
    if (this.#closed) throw new Error('OutboxMailer is closed')
    const entry = await this.#store.record({
      kind: 'mail',
      recipient: message.to,
      subject: message.subject,
      body: message.text,
      html: message.html,
    })
    this.#log?.(entry)
  }

  async close(): Promise<void> {
    this.#closed = true // the database belongs to whoever made the store: it stays open
  }
}
