/** An email to send. */
export interface MailMessage {
  to: string
  subject: string
  /** Plain-text body (always present). */
  text: string
  /** HTML body, when the template has one. */
  html?: string
}

/** Sends email: through SMTP when configured, else into the dev outbox. */
export interface Mailer {
  /** Sends one message; rejects when the transport refuses it. */
  send(message: MailMessage): Promise<void>
  /** Releases connections. */
  close(): Promise<void>
}
