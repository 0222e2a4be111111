/** A message the SMTP server refused or could not take; names the server, never the password. */
export class SmtpError extends Error {
  /** Nodemailer's code: ESOCKET, ETIMEDOUT, EAUTH, EENVELOPE, EMESSAGE, ... */
  readonly code: string | undefined
  /** The SMTP reply code, when the server answered (535, 550, ...). */
  readonly responseCode: number | undefined

  constructor(message: string, code?: string, responseCode?: number) {
    super(message)
    this.name = 'SmtpError'
    this.code = code
    this.responseCode = responseCode
  }
}

const UNREACHABLE = new Set(['ESOCKET', 'ECONNECTION', 'ETIMEDOUT', 'EDNS', 'ETLS'])

/** `host:port`, with brackets around an IPv6 host. */
export function serverAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/**
 * Turns a nodemailer failure into an SmtpError naming the server. The original error is not kept
 * as the cause: it is not ours to vouch for, and the message must never carry the password.
 */
export function smtpFailure(address: string, error: unknown, password?: string): SmtpError {
  const { code, responseCode, message } = error as {
    code?: unknown
    responseCode?: unknown
    message?: unknown
  }
  const kind = typeof code === 'string' ? code : undefined
  const detail = redact(typeof message === 'string' ? message : String(error), password)
  return new SmtpError(
    `${summary(kind, address)}: ${detail}`,
    kind,
    typeof responseCode === 'number' ? responseCode : undefined,
  )
}

function summary(code: string | undefined, address: string): string {
  if (code !== undefined && UNREACHABLE.has(code)) return `Cannot reach SMTP server ${address}`
  if (code === 'EAUTH') return `SMTP server ${address} refused the login`
  return `SMTP server ${address} refused the message`
}

function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[redacted]') : text
}
