import { LogController } from 'fastify'
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify'
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString } from 'pino'

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/** A logger that may say whether a level is on (pino's `isLevelEnabled`). */
interface LevelAwareLogger extends FastifyBaseLogger {
  isLevelEnabled?(level: string): boolean
}

/**
 * Gives a request its logger: `request.log` and `reply.log` become a lazy child of `logger`
 * bound to the request id, made on the first line logged at an enabled level (building a pino
 * child costs more than a small request, and most requests log nothing). Called by the app's
 * first `onRequest` hook. The app gives Fastify no logger: Fastify would then add a `finish` and
 * an `error` listener and two clock readings to every response, and check every request's child
 * logger method by method; Fastify's own lines about a request (a reply sent twice, a stream
 * that failed after its headers) still reach `reply.log`.
 */
export function attachRequestLogger(
  request: FastifyRequest,
  reply: FastifyReply,
  logger: FastifyBaseLogger,
): void {
  const log = new LazyChildLogger(logger, request.id)
  request.log = log
  reply.log = log
}

/**
 * Which of Fastify's own lines about a request are written. The app writes one line per request
 * itself (its `onResponse` hook) and logs failures in the error envelope, so Fastify's
 * "incoming request", "request completed", "route not found" and error lines are left out: they
 * would repeat those, and without Fastify's logger their `req` and `res` would be written whole.
 * Lines only Fastify can write (a stream that failed after its headers, a reply sent twice)
 * still reach `reply.log`.
 */
export class RequestLineController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' })
  }

  override incomingRequest(): void {}

  override requestCompleted(): void {}

  override routeNotFound(): void {}

  override defaultErrorLog(): void {}
}

/**
 * A pino child logger bound to `{ requestId }`, made on first use; the parent's level applies
 * until then.
 */
class LazyChildLogger implements FastifyBaseLogger {
  readonly #parent: LevelAwareLogger
  readonly #requestId: string
  #child: LevelAwareLogger | undefined

  constructor(parent: LevelAwareLogger, requestId: string) {
    this.#parent = parent
    this.#requestId = requestId
  }

  get level(): LevelWithSilentOrString {
    return (this.#child ?? this.#parent).level
  }

  set level(value: LevelWithSilentOrString) {
    this.#made().level = value
  }

  fatal(...args: unknown[]): void {
    this.#log('fatal', args)
  }

  error(...args: unknown[]): void {
    this.#log('error', args)
  }

  warn(...args: unknown[]): void {
    this.#log('warn', args)
  }

  info(...args: unknown[]): void {
    this.#log('info', args)
  }

  debug(...args: unknown[]): void {
    this.#log('debug', args)
  }

  trace(...args: unknown[]): void {
    this.#log('trace', args)
  }

  silent(): void {}

  /** A child of the request's logger (which is made first). */
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#made().child(bindings, options)
  }

  /** Whether a line at `level` would be written. */
  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled?.(level) ?? true
  }

  #log(level: Level, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return
    const child = this.#made()
    ;(child[level] as (...args: unknown[]) => void).apply(child, args)
  }

  #made(): LevelAwareLogger {
    return (this.#child ??= this.#parent.child({ requestId: this.#requestId }))
  }
}
