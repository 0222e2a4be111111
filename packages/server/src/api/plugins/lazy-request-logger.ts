import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString } from 'pino'

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/** A logger that may say whether a level is on (pino's `isLevelEnabled`). */
interface LevelAwareLogger extends FastifyBaseLogger {
  isLevelEnabled?(level: string): boolean
}

/**
 * Fastify's `childLoggerFactory`: the request's logger (`request.log`, bound to its request id)
 * is a pino child made on the first line the request logs at an enabled level. Building a pino
 * child costs more than a small request, and most requests log nothing.
 */
export function lazyRequestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  // A route's own level or serializers change the child: it is made at once, as Fastify does.
  if (hasAnyKey(options)) return logger.child(bindings, options)
  return new LazyChildLogger(logger, bindings)
}

/** A pino child logger made on first use; the parent's level applies until then. */
class LazyChildLogger implements FastifyBaseLogger {
  readonly #parent: LevelAwareLogger
  readonly #bindings: Bindings
  #child: LevelAwareLogger | undefined

  constructor(parent: LevelAwareLogger, bindings: Bindings) {
    this.#parent = parent
    this.#bindings = bindings
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
    return (this.#child ??= this.#parent.child(this.#bindings))
  }
}

function hasAnyKey(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true
  return false
}
