/** A simple lookup: the reference field's id is replaced by the object it points to. */
export interface SimpleLookupInput {
  readonly field: string
}

/** A complex lookup: the first object of `modelName` matching `query` goes under `name`. */
export interface ComplexLookupInput {
  readonly name: string
  readonly modelName: string
  readonly query: string
}

export type LookupInput = SimpleLookupInput | ComplexLookupInput

/** One sort key of a query. */
export interface SortInput {
  readonly field: string
  readonly direction: 'asc' | 'desc'
}

/**
 * The `query` the Altogic client sends with every database call (protocol §3.2); every part may
 * be null.
 */
export interface QueryInput {
  readonly expression: string | null
  readonly lookups: readonly LookupInput[] | null
  readonly page: number | null
  readonly limit: number | null
  readonly sort: readonly SortInput[] | null
  readonly omit: readonly string[] | null
  readonly group: readonly string[] | string | null
}

/** A query with nothing set. */
export const EMPTY_QUERY: QueryInput = {
  expression: null,
  lookups: null,
  page: null,
  limit: null,
  sort: null,
  omit: null,
  group: null,
}

/** Named limits of queries (docs/database.md). */
export const QUERY_LIMITS = {
  /** Objects per page when the query sets no `limit`. */
  defaultPageSize: 100,
  /** The largest `limit` a query may ask for. */
  maxPageSize: 1000,
  /** Lookups per query. */
  maxLookups: 10,
  /** Sort keys per query. */
  maxSortFields: 10,
  /** Objects in one create or append. */
  maxBatch: 1000,
  /** `getRandom` count. */
  maxRandom: 1000,
} as const
