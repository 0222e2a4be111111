import pg from 'pg'
import type { Database, NotificationHandler, Queryable, QueryOptions, Row } from '../database.js'
import { StatementNames } from './statement-names.js'
import { translateConnectionError } from './connection-errors.js'

/** Options of the PostgreSQL pool. */
export interface PostgresOptions {
  connectionString: string
  maxConnections?: number
  /** Called with errors of idle connections (the server restarting, say) instead of crashing. */
  onError?: (error: Error) => void
  /** How long to wait before replacing a lost LISTEN connection (default 1 s). */
  listenRetryMs?: number
}

const LISTEN_RETRY_MS = 1000

/** The Database over a `pg` pool, with one extra connection for LISTEN. */
export class PostgresDatabase implements Database {
  readonly #pool: pg.Pool
  readonly #options: PostgresOptions
  readonly #handlers = new Map<string, Set<NotificationHandler>>()
  #listener: Promise<pg.Client> | undefined
  #closed = false
  readonly #names = new StatementNames()

  constructor(options: PostgresOptions) {
    this.#options = options
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
    })
    this.#pool.on('error', (error) => this.#report(error))
  }

  async query<T extends Row = Row>(
    sql: string,
    params: readonly unknown[] = [],
    options?: QueryOptions,
  ): Promise<T[]> {
    const result = await this.#pool
      .query(this.#statement(sql, params, options))
      .catch(translateConnectionError)
    return result.rows as T[]
  }

  #statement(sql: string, params: readonly unknown[], options?: QueryOptions): pg.QueryConfig {
    const name = options?.prepare ? this.#names.nameOf(sql) : undefined
    return name
      ? { text: sql, values: params as unknown[], name }
      : { text: sql, values: params as unknown[] }
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect().catch(translateConnectionError)
    try {
      await client.query('BEGIN')
      const tx: Queryable = {
        query: async <R extends Row = Row>(
          sql: string,
          params: readonly unknown[] = [],
          options?: QueryOptions,
        ) => (await client.query(this.#statement(sql, params, options))).rows as R[],
      }
      const result = await work(tx)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  async listen(channel: string, handler: NotificationHandler): Promise<void> {
    const handlers = this.#handlers.get(channel)
    if (handlers) return void handlers.add(handler)
    this.#handlers.set(channel, new Set([handler]))
    const listener = await this.#ensureListener()
    await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
  }

  async ping(): Promise<number> {
    const started = performance.now()
    await this.#pool.query('SELECT 1')
    return performance.now() - started
  }

  async close(): Promise<void> {
    this.#closed = true
    const listener = await this.#listener?.catch(() => undefined)
    this.#listener = undefined
    await listener?.end().catch(() => undefined)
    await this.#pool.end()
  }

  /** Connection errors are worth a log line, except those of connections being closed. */
  #report(error: Error): void {
    if (!this.#closed) this.#options.onError?.(error)
  }

  #ensureListener(): Promise<pg.Client> {
    this.#listener ??= this.#connectListener().catch((error: unknown) => {
      this.#listener = undefined
      throw error
    })
    return this.#listener
  }

  /** One connection holds every LISTEN; it re-subscribes to all channels when it is replaced. */
  async #connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#options.connectionString })
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? []) {
        handler(message.payload ?? '')
      }
    })
    client.on('error', (error) => this.#report(error))
    client.on('end', () => this.#onListenerLost())
    await client.connect()
    for (const channel of this.#handlers.keys()) {
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    }
    return client
  }

  /**
   * A dropped LISTEN connection is replaced so that notifications keep arriving; handlers then
   * hear `*`, since notifications sent meanwhile were missed.
   */
  #onListenerLost(): void {
    if (this.#closed) return
    this.#listener = undefined
    const retry = () => {
      if (this.#closed) return
      this.#ensureListener().then(
        () => this.#handlers.forEach((set) => set.forEach((handler) => handler('*'))),
        () => setTimeout(retry, this.#options.listenRetryMs ?? LISTEN_RETRY_MS).unref(),
      )
    }
    setTimeout(retry, this.#options.listenRetryMs ?? LISTEN_RETRY_MS).unref()
  }
}
