import { APIBase } from '../api-base.js'
import type { Fetcher } from '../fetcher.js'
import { DBObject } from './db-object.js'
import { DB_PATH } from './paths.js'
import type {
  ComputeRow,
  DBAction,
  DBResult,
  DeleteInfo,
  FieldUpdate,
  GroupComputation,
  Listed,
  Lookup,
  ObjectValues,
  SortDirection,
  StoredObject,
  UpdateInfo,
  Written,
} from './types.js'

/** A query state with every key present and unset, as the published client starts it. */
function emptyAction(): DBAction {
  return {
    expression: null,
    lookups: null,
    page: null,
    limit: null,
    sort: null,
    omit: null,
    group: null,
  }
}

/**
 * Queries and multi-object writes on one model (§3.2, §3.3). Modifiers change one query state
 * that every terminal call sends as `query`; as in the published client it is never reset, so
 * a re-used builder re-sends what was set before. Use `db.model(name)` again for a fresh query.
 */
export class QueryBuilder<T = Record<string, unknown>> extends APIBase {
  readonly #modelName: string
  readonly #action: DBAction = emptyAction()

  /** Creates a builder for the model (or `parent.sub` dot-path sub-model) `name`. */
  constructor(name: string, fetcher: Fetcher) {
    super(fetcher)
    this.#modelName = name
  }

  /** A handle on one object of this model (`id` is not needed to create, set or append). */
  object(id?: string): DBObject<T> {
    return new DBObject<T>(this.#modelName, this.fetcher, id)
  }

  /** Sets the filter expression; the last call wins. */
  filter(expression: string): this {
    this.#action.expression = expression
    return this
  }

  /** Adds a lookup (left outer join); lookups accumulate. */
  lookup(lookup: Lookup): this {
    ;(this.#action.lookups ??= []).push(lookup)
    return this
  }

  /** Sets the page number, from 1; the last call wins. */
  page(pageNumber: number): this {
    this.#action.page = pageNumber
    return this
  }

  /** Sets the page size; the last call wins. */
  limit(limitCount: number): this {
    this.#action.limit = limitCount
    return this
  }

  /** Adds a sort key (dot paths allowed); sort keys accumulate. */
  sort(fieldName: string, sortDirection: SortDirection): this {
    ;(this.#action.sort ??= []).push({ field: fieldName, direction: sortDirection })
    return this
  }

  /** Adds fields (dot paths allowed) to leave out of the answers; omitted fields accumulate. */
  omit(...fields: string[]): this {
    ;(this.#action.omit ??= []).push(...fields)
    return this
  }

  /** Groups `compute` by field paths or by one expression; the last call wins. */
  group(fieldsOrExpression: string[] | string): this {
    this.#action.group = fieldsOrExpression
    return this
  }

  /** Creates one top-level object, or several all-or-nothing. */
  create(values: ObjectValues<T>[]): Promise<DBResult<StoredObject<T>[]>>
  create(values: ObjectValues<T>): Promise<DBResult<StoredObject<T>>>
  create(
    values: ObjectValues<T> | ObjectValues<T>[],
  ): Promise<DBResult<StoredObject<T> | StoredObject<T>[]>>
  create(values: unknown): Promise<DBResult<unknown>> {
    return this.#post('create', { values, query: this.#action, model: this.#modelName })
  }

  /** Sets the object field of parent `parentId`; answers it, or the top object with `returnTop`. */
  set<R extends boolean = false>(
    values: ObjectValues<T>,
    parentId: string,
    returnTop: R = false as R,
  ): Promise<DBResult<Written<StoredObject<T>, R>>> {
    const body = { values, parentId, returnTop, query: this.#action, model: this.#modelName }
    return this.#post('set', body)
  }

  /** Appends one child or several to the object list of parent `parentId`. */
  append<R extends boolean = false>(
    values: ObjectValues<T>[],
    parentId: string,
    returnTop?: R,
  ): Promise<DBResult<Written<StoredObject<T>[], R>>>
  append<R extends boolean = false>(
    values: ObjectValues<T>,
    parentId: string,
    returnTop?: R,
  ): Promise<DBResult<Written<StoredObject<T>, R>>>
  append<R extends boolean = false>(
    values: ObjectValues<T> | ObjectValues<T>[],
    parentId: string,
    returnTop?: R,
  ): Promise<DBResult<Written<StoredObject<T> | StoredObject<T>[], R>>>
  append(values: unknown, parentId: string, returnTop = false): Promise<DBResult<unknown>> {
    const body = { values, parentId, returnTop, query: this.#action, model: this.#modelName }
    return this.#post('append', body)
  }

  /** The matching objects; with `returnCountInfo`, `{info, data}`. */
  get<C extends boolean = false>(
    returnCountInfo: C = false as C,
  ): Promise<DBResult<Listed<StoredObject<T>, C>>> {
    return this.#post('get-list', { query: this.#action, returnCountInfo, model: this.#modelName })
  }

  /** The first matching object, or `null`. */
  getSingle(): Promise<DBResult<StoredObject<T>>> {
    return this.#post('get-single', { query: this.#action, model: this.#modelName })
  }

  /** Up to `count` random matching objects. */
  getRandom(count: number): Promise<DBResult<StoredObject<T>[]>> {
    return this.#post('get-random', { query: this.#action, count, model: this.#modelName })
  }

  /** Aggregates per group: one row per group, one key per computation name. */
  compute<const C extends GroupComputation>(
    computations: C | readonly C[],
  ): Promise<DBResult<ComputeRow<C['name']>[]>> {
    const list = Array.isArray(computations) ? computations : [computations]
    return this.#post('compute', {
      query: this.#action,
      computations: list,
      model: this.#modelName,
    })
  }

  /** Sets `values` on every matching object. */
  update(values: ObjectValues<T>): Promise<DBResult<UpdateInfo>> {
    return this.#post('update', { values, query: this.#action, model: this.#modelName })
  }

  /** Applies field update instructions to every matching object. */
  updateFields(fieldUpdates: FieldUpdate | FieldUpdate[]): Promise<DBResult<UpdateInfo>> {
    const updates = Array.isArray(fieldUpdates) ? fieldUpdates : [fieldUpdates]
    return this.#post('update-fields', { updates, query: this.#action, model: this.#modelName })
  }

  /** Deletes every matching object. */
  delete(): Promise<DBResult<DeleteInfo>> {
    return this.#post('delete', { query: this.#action, model: this.#modelName })
  }

  /** Objects matching a search of the searchable fields; with `returnCountInfo`, `{info, data}`. */
  searchText<C extends boolean = false>(
    text: string,
    returnCountInfo: C = false as C,
  ): Promise<DBResult<Listed<StoredObject<T>, C>>> {
    const body = { query: this.#action, returnCountInfo, text, model: this.#modelName }
    return this.#post('search-text', body)
  }

  /** Objects matching a fuzzy search on one full-text field (top-level models only). */
  searchFuzzy(fieldName: string, text: string): Promise<DBResult<StoredObject<T>[]>> {
    const body = { query: this.#action, text, fieldName, model: this.#modelName }
    return this.#post('fuzzy-search', body)
  }

  /** Posts to `db/<operation>`; bodies keep the published client's key order (§3.3). */
  #post<D>(operation: string, body: object): Promise<DBResult<D>> {
    return this.fetcher.post<D>(`${DB_PATH}/${operation}`, body)
  }
}
