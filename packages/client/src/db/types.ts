import type { APIError } from '@basalt/protocol'

/** What every database call resolves to: `data` on success, `errors` on failure. */
export interface DBResult<T> {
  data: T | null
  errors: APIError | null
}

/** Fields the server adds to every stored object. */
export interface SystemFields {
  _id: string
  /** Id of the parent object (sub-model objects only). */
  _parent?: string
  /** ISO date-time, on models with timestamps. */
  createdAt?: string
  /** ISO date-time, on models with timestamps. */
  updatedAt?: string
}

/** An object as the server returns it: the model's fields plus the system fields. */
export type StoredObject<T> = T & SystemFields

/** The top-level object a `returnTop` write answers with (its model is not known here). */
export type TopObject = StoredObject<Record<string, unknown>>

/**
 * What a write accepts as values: a partial `T` for a declared model type, any object for the
 * untyped default (so interface-typed values need no index signature).
 */
export type ObjectValues<T> = Record<string, unknown> extends T ? object : Partial<T>

/** `D`, or the top-level object when `returnTop` is `true` (both when it is any boolean). */
export type Written<D, R extends boolean | undefined> = R extends true ? TopObject : D

/** The options type of a call made without options. */
export type NoOptions = Record<never, never>

/** The `returnTop` flag of an options type: `false` when absent, `boolean` when not known. */
export type ReturnTopOf<O> = O extends { returnTop?: infer R }
  ? R extends boolean
    ? R
    : false
  : false

/** How long the server caches an object under its id. */
export type CacheDuration =
  | 'nocache'
  | 'noexpiry'
  | '30sec'
  | '1min'
  | '2mins'
  | '5mins'
  | '10mins'
  | '15mins'
  | '30mins'
  | '1hour'
  | '6hours'
  | '12hours'
  | '1day'
  | '1week'
  | '1month'
  | '6months'
  | '1year'

/** Options of `object(id).get`; default `{cache: 'nocache'}`. */
export interface GetOptions {
  cache?: CacheDuration
}

/** Options of `object().create`; default `{cache: 'nocache', returnTop: false}`. */
export interface CreateOptions {
  cache?: CacheDuration
}

/** Options of `object().set`; default `{cache: 'nocache', returnTop: false}`. */
export interface SetOptions {
  cache?: CacheDuration
  /** Answer the updated top-level object instead of the sub-object. */
  returnTop?: boolean
}

/** Options of `object().append`; default `{cache: 'nocache', returnTop: false}`. */
export interface AppendOptions {
  cache?: CacheDuration
  /** Answer the updated top-level object instead of the appended child. */
  returnTop?: boolean
}

/** Options of `object(id).delete`; default `{removeFromCache: true, returnTop: false}`. */
export interface DeleteOptions {
  removeFromCache?: boolean
  /** For a sub-object: answer the updated top-level object instead of `null`. */
  returnTop?: boolean
}

/** Options of `update` and `updateFields`; default `{cache: 'nocache', returnTop: false}`. */
export interface UpdateOptions {
  cache?: CacheDuration
  /** For a sub-object: answer the updated top-level object instead of the sub-object. */
  returnTop?: boolean
}

/** Joins on `this.field == lookup._id`; the looked-up object replaces the reference field. */
export interface SimpleLookup {
  field: string
}

/** A left outer join on the expression `query` (`this.`, `lookup.` prefixes) into field `name`. */
export interface ComplexLookup {
  name: string
  modelName: string
  query: string
}

/** Either kind of lookup. */
export type Lookup = SimpleLookup | ComplexLookup

/** A sort direction. */
export type SortDirection = 'asc' | 'desc'

/** One sort key of a query. */
export interface SortEntry {
  field: string
  direction: SortDirection
}

/** The query state a `QueryBuilder` sends as `query` with every call; `null` when unset. */
export interface DBAction {
  expression: string | null
  lookups: Lookup[] | null
  page: number | null
  limit: number | null
  sort: SortEntry[] | null
  omit: string[] | null
  group: string[] | string | null
}

/** How `updateFields` changes a field. */
export type FieldUpdateType =
  | 'set'
  | 'unset'
  | 'increment'
  | 'decrement'
  | 'min'
  | 'max'
  | 'multiply'
  | 'pull'
  | 'push'
  | 'pop'
  | 'shift'

/** One field update instruction; `unset`, `pop` and `shift` take no `value`. */
export interface FieldUpdate {
  /** A field name, or a dot path into `object` sub-models. */
  field: string
  updateType: FieldUpdateType
  value?: unknown
}

/** The kind of a group computation; all but `count` need an `expression`. */
export type GroupComputationType = 'count' | 'countif' | 'sum' | 'avg' | 'min' | 'max'

/** One aggregate of `compute`, reported in each row under `name`. */
export interface GroupComputation {
  name: string
  type: GroupComputationType
  expression?: string
  /** Orders the groups by this value. */
  sort?: 'none' | 'asc' | 'desc'
}

/** A row of `compute`: the group's key values under `groupby`, one key per computation. */
export type ComputeRow<N extends string = string> = {
  groupby?: Record<string, unknown> | null
  [name: string]: unknown
} & (string extends N ? unknown : Record<N, number>)

/** What a multi-object `update` or `updateFields` answers. */
export interface UpdateInfo {
  totalMatch: number
  updated: number
}

/** What a multi-object `delete` answers. */
export interface DeleteInfo {
  totalMatch: number
  deleted: number
}

/** The count and page figures of `get(true)` and `searchText(text, true)`. */
export interface CountInfo {
  count: number
  totalPages: number
  currentPage: number
  pageSize: number
}

/** A page of objects with its count information. */
export interface CountedList<D> {
  info: CountInfo
  data: D[]
}

/** `D[]`, or `{info, data: D[]}` when count information is asked for (either when any boolean). */
export type Listed<D, C extends boolean | undefined> = C extends true ? CountedList<D> : D[]
