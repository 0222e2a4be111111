import { APIBase } from '../api-base.js'
import type { Fetcher } from '../fetcher.js'
import { DB_PATH } from './paths.js'
import { QueryBuilder } from './query-builder.js'
import type { DBResult } from './types.js'

/** The app's database (§3.1): query builders per model, and statistics. */
export class DatabaseManager extends APIBase {
  /** Creates the database manager on the shared transport. */
  constructor(fetcher: Fetcher) {
    super(fetcher)
  }

  /** A new query builder for a top-level model (`users`) or a sub-model (`users.addresses`). */
  model<T = Record<string, unknown>>(name: string): QueryBuilder<T> {
    return new QueryBuilder<T>(name, this.fetcher)
  }

  /** Statistics of the database and its models; the shape is the server's. */
  getStats(): Promise<DBResult<Record<string, unknown>>> {
    return this.fetcher.get<Record<string, unknown>>(`${DB_PATH}/stats`)
  }
}
