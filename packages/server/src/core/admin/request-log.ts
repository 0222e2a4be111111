/** One request as the admin console lists it. */
export interface RequestLogEntry {
  time: string
  requestId: string
  method: string
  url: string
  status: number
  ms: number
  error?: { code: string; message: string } | undefined
}

/** Which list: every request, or only those that failed on the server's side (5xx). */
export type RequestLogKind = 'requests' | 'errors'

/** The most entries kept per list. */
export const REQUEST_LOG_SIZE = 1000

/**
 * This process's last requests and errors, newest first, in two fixed-size rings: memory stays
 * bounded whatever the traffic, and nothing is written anywhere.
 */
export class RequestLog {
  readonly #rings: Record<RequestLogKind, Ring> = {
    requests: new Ring(REQUEST_LOG_SIZE),
    errors: new Ring(REQUEST_LOG_SIZE),
  }

  /** Records a finished request (and, when it failed on the server's side, an error). */
  record(entry: RequestLogEntry): void {
    this.#rings.requests.push(entry)
    if (entry.status >= 500) this.#rings.errors.push(entry)
  }

  /** Records an error of a request that has no response line (logging below info). */
  recordError(entry: RequestLogEntry): void {
    this.#rings.errors.push(entry)
  }

  /** One page of a list, newest first. */
  page(
    kind: RequestLogKind,
    page: number,
    size: number,
  ): { items: RequestLogEntry[]; total: number } {
    const all = this.#rings[kind].newestFirst()
    return { items: all.slice((page - 1) * size, page * size), total: all.length }
  }
}

class Ring {
  readonly #items: RequestLogEntry[] = []
  #next = 0

  constructor(readonly capacity: number) {}

  push(entry: RequestLogEntry): void {
    if (this.#items.length < this.capacity) this.#items.push(entry)
    else this.#items[this.#next] = entry
    this.#next = (this.#next + 1) % this.capacity
  }

  newestFirst(): RequestLogEntry[] {
    const older = this.#items.slice(this.#next)
    const newer = this.#items.slice(0, this.#next)
    return [...older, ...newer].reverse()
  }
}
