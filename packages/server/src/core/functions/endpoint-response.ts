import { Readable } from 'node:stream'

/** What an endpoint answers, HTTP-free: the route writes it to the reply. */
export interface EndpointAnswer {
  status: number
  headers: Record<string, string>
  /** undefined: no body; a string, bytes or a stream; anything else is sent as JSON. */
  body: unknown
  kind: 'empty' | 'json' | 'text' | 'bytes' | 'stream'
}

/**
 * The `res` an endpoint handler gets: Altogic's `res.json(obj, status)` and
 * `res.send(text, status)`, and the chainable `res.status(201).header(...).json(...)`.
 */
export class EndpointResponse {
  #status = 200
  readonly #headers: Record<string, string> = {}
  #answer: EndpointAnswer | undefined

  /** Sets the status code of the answer. */
  status(code: number): this {
    this.#status = code
    return this
  }

  /** Sets a response header. */
  header(name: string, value: string | number): this {
    this.#headers[name.toLowerCase()] = String(value)
    return this
  }

  /** Sends `value` as JSON (Altogic: `res.json(obj, status = 200)`). */
  json(value: unknown, status?: number): this {
    if (status !== undefined) this.#status = status
    this.#answer = this.#make(value === undefined ? null : value, 'json')
    return this
  }

  /** Sends text, bytes or a stream (Altogic: `res.send(text, status = 200)`). */
  send(value?: unknown, status?: number): this {
    if (status !== undefined) this.#status = status
    this.#answer = this.#make(value, kindOf(value))
    return this
  }

  /** Whether the handler sent an answer through this object. */
  get sent(): boolean {
    return this.#answer !== undefined
  }

  /** The answer: what was sent, else the handler's return value. */
  answer(returned: unknown): EndpointAnswer {
    if (this.#answer) return this.#answer
    if (returned === undefined) return this.#make(undefined, 'empty', 204)
    return this.#make(returned, kindOf(returned))
  }

  #make(body: unknown, kind: EndpointAnswer['kind'], fallbackStatus?: number): EndpointAnswer {
    const status =
      fallbackStatus !== undefined && this.#status === 200 ? fallbackStatus : this.#status
    // The answer is written as soon as the handler is done: its headers object is not copied.
    return { status, headers: this.#headers, body, kind }
  }
}

/** How a value is sent: text, bytes, a stream, nothing, or JSON. */
function kindOf(value: unknown): EndpointAnswer['kind'] {
  if (value === undefined || value === null) return value === null ? 'json' : 'empty'
  if (typeof value === 'string') return 'text'
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 'bytes'
  if (value instanceof Readable || value instanceof ReadableStream) return 'stream'
  return 'json'
}
