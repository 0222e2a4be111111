import pg from 'pg'
import type { Database, NotificationHandler, Queryable, Row } from '../database.js'
import { translateConnectionError } from './connection-errors.js'

/** Options of the PostgreSQL pool. */
export interface PostgresOptions {
  connectionString: string
  maxConnections?: number
  /** Called with errors of idle connections (the server restarting, say) instead of crashing. */
  onError?: (error: Error) => void
}

const LISTEN_RETRY_MS = 1000

/** The Database over a `pg` pool, with one extra connection for LISTEN. */
export class PostgresDatabase implements Database {
  readonly #pool: pg.Pool
  readonly #options: PostgresOptions
  readonly #handlers = new Map<string, Set<NotificationHandler>>()
  #listener: pg.Client | undefined
  #closed = false

  constructor(options: PostgresOptions) {
    this.#options = options
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
    })
    this.#pool.on('error', (error) => options.onError?.(error))
  }

  async query<T extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.#pool.query(sql, params as unknown[]).catch(translateConnectionError)
    return result.rows as T[]
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect().catch(translateConnectionError)
    try {
      await client.query('BEGIN')
      const tx: Queryable = {
        query: async <R extends Row = Row>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, params as unknown[])).rows as R[],
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
    const handlers = this.#handlers.get(channel) ?? new Set()
    handlers.add(handler)
    const isNew = !this.#handlers.has(channel)
    this.#handlers.set(channel, handlers)
    const listener = await this.#ensureListener()
    if (isNew) await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
  }

  async ping(): Promise<number> {
    const started = performance.now()
    await this.#pool.query('SELECT 1')
    return performance.now() - started
  }

  async close(): Promise<void> {
    this.#closed = true
    const listener = this.#listener
    this.#listener = undefined
    await listener?.end().catch(() => undefined)
    await this.#pool.end()
  }

  async #ensureListener(): Promise<pg.Client> {
    if (this.#listener) return this.#listener
    const client = new pg.Client({ connectionString: this.#options.connectionString })
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? [])
        handler(message.payload ?? '')
    })
    client.on('error', (error) => {
      this.#options.onError?.(error)
      this.#reconnectListener(client)
    })
    await client.connect()
    this.#listener = client
    return client
  }

  /** A dropped LISTEN connection is replaced so that invalidations keep arriving. */
  #reconnectListener(broken: pg.Client): void {
    if (this.#listener !== broken || this.#closed) return
    this.#listener = undefined
    void broken.end().catch(() => undefined)
    setTimeout(() => void this.#relisten(), LISTEN_RETRY_MS).unref()
  }

  async #relisten(): Promise<void> {
    if (this.#closed) return
    try {
      const listener = await this.#ensureListener()
      for (const channel of this.#handlers.keys()) {
        await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      }
      for (const handlers of this.#handlers.values()) for (const handler of handlers) handler('*')
    } catch (error) {
      this.#options.onError?.(error as Error)
      setTimeout(() => void this.#relisten(), LISTEN_RETRY_MS).unref()
    }
  }
}
