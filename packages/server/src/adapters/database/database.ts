/** A row as the driver returns it. */
export type Row = Record<string, unknown>

/** How to send one statement. */
export interface QueryOptions {
  /**
   * The statement is sent often with other values (a read of the database module): the
   * server keeps it parsed and planned per connection. Its result columns must not depend on
   * the schema.
   */
  readonly prepare?: boolean
}

/** Something that runs parameterised SQL: the database itself or one transaction. */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T extends Row = Row>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<T[]>
}

/** A notification received on a LISTEN channel. */
export type NotificationHandler = (payload: string) => void

/** The database every service talks to: PostgreSQL, embedded or external. */
export interface Database extends Queryable {
  /** Runs `work` inside one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * Subscribes to a NOTIFY channel (for cache invalidation across processes). After a lost
   * connection is restored the handler is called with `*`: notifications may have been missed.
   */
  listen(channel: string, handler: NotificationHandler): Promise<void>
  /** Round-trip check; resolves with the latency in milliseconds or rejects. */
  ping(): Promise<number>
  /** Closes every connection. */
  close(): Promise<void>
}
