import { createTransport } from 'nodemailer'
import type { Transporter } from 'nodemailer'
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js'
import type { Mailer, MailMessage } from '../mailer.js'
import { SmtpError, serverAddress, smtpFailure } from './smtp-errors.js'

/** Where and as whom to send mail. */
export interface SmtpOptions {
  host: string
  port: number
  /** TLS from the first byte (port 465); else STARTTLS when offered. Default: port is 465. */
  secure?: boolean
  user?: string
  password?: string
  /** The From of every message, like `Basalt <no-reply@example.com>`. */
  from: string
  /** How long to wait for the connection and for the server's greeting (default 10 s). */
  timeoutMs?: number
  /** Called with errors of the transport outside any send, instead of crashing. */
  onError?: (error: Error) => void
}

const TIMEOUT_MS = 10_000

/** A Mailer over SMTP with nodemailer, through a pool of reused connections. */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>
  readonly #from: string
  readonly #address: string
  readonly #password: string | undefined
  #closed = false

  constructor(options: SmtpOptions) {
    if (!options.from) throw new Error('SmtpMailer needs a from address')
    this.#from = options.from
    this.#address = serverAddress(options.host, options.port)
    this.#password = options.password
    this.#transport = createTransport(transportOptions(options))
    this.#transport.on('error', (error) =>
      options.onError?.(smtpFailure(this.#address, error, this.#password)),
    )
  }

  async send(message: MailMessage): Promise<void> {
    // A closed pool drops new messages without calling back: refuse them here instead.
    if (this.#closed) throw new SmtpError(`SmtpMailer for ${this.#address} is closed`)
    const { to, subject, text, html } = message
    try {
      await this.#transport.sendMail({ from: this.#from, to, subject, text, html })
    } catch (error) {
      throw smtpFailure(this.#address, error, this.#password)
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#transport.close()
  }
}

function transportOptions(options: SmtpOptions): SMTPPool.Options {
  const timeout = options.timeoutMs ?? TIMEOUT_MS
  return {
    pool: true,
    host: options.host,
    port: options.port,
    secure: options.secure ?? options.port === 465,
    auth: options.user ? { user: options.user, pass: options.password } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
  }
}
