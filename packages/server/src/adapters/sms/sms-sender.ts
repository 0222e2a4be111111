/** A text message to send. */
export interface SmsMessage {
  /** The recipient in E.164 form (`+15551234567`). */
  to: string
  body: string
}

/** Sends SMS: through Twilio, Vonage or MessageBird when configured, else into the dev outbox. */
export interface SmsSender {
  /** Sends one message; rejects when the provider refuses it. */
  send(message: SmsMessage): Promise<void>
}
