import { APIBase } from '../api-base.js'
import type { Fetcher } from '../fetcher.js'
import { DB_OBJECT_PATH } from './paths.js'
import type {
  AppendOptions,
  CreateOptions,
  DBResult,
  DeleteOptions,
  FieldUpdate,
  GetOptions,
  Lookup,
  NoOptions,
  ObjectValues,
  ReturnTopOf,
  SetOptions,
  StoredObject,
  UpdateOptions,
  Written,
} from './types.js'

const DEFAULT_GET_OPTIONS = { cache: 'nocache' } as const
const DEFAULT_CREATE_OPTIONS = { cache: 'nocache', returnTop: false } as const
const DEFAULT_SET_OPTIONS = { cache: 'nocache', returnTop: false } as const
const DEFAULT_APPEND_OPTIONS = { cache: 'nocache', returnTop: false } as const
const DEFAULT_DELETE_OPTIONS = { removeFromCache: true, returnTop: false } as const
const DEFAULT_UPDATE_OPTIONS = { cache: 'nocache', returnTop: false } as const

/**
 * One object of a model (§3.4): read, update or delete it by id, or create, set or append a new
 * one. The given options are merged over each method's defaults. The id is sent as given: a
 * missing id is the server's to refuse.
 */
export class DBObject<T = Record<string, unknown>> extends APIBase {
  readonly #modelName: string
  readonly #id: string | undefined

  /** Creates a handle on object `id` (if any) of model `modelName`. */
  constructor(modelName: string, fetcher: Fetcher, id?: string) {
    super(fetcher)
    this.#modelName = modelName
    this.#id = id
  }

  /** The object, or `null` when there is none with this id. */
  get(options?: GetOptions | null): Promise<DBResult<StoredObject<T>>>
  /** The object with the lookups (left outer joins) made, or `null`. */
  get(lookups: Lookup[], options?: GetOptions | null): Promise<DBResult<StoredObject<T>>>
  get(
    optionsOrLookups?: Lookup[] | GetOptions | null,
    options?: GetOptions | null,
  ): Promise<DBResult<StoredObject<T>>> {
    // as published: any non-array object, null included, is the options
    const isOptions = !Array.isArray(optionsOrLookups) && typeof optionsOrLookups === 'object'
    const lookups = isOptions ? undefined : optionsOrLookups
    const merged = { ...DEFAULT_GET_OPTIONS, ...(isOptions ? optionsOrLookups : options) }
    const body = { options: merged, id: this.#id, lookups, model: this.#modelName }
    return this.#post('get', body)
  }

  /** Creates a top-level object; the id of this handle is not sent (the server assigns one). */
  create(values: ObjectValues<T>, options?: CreateOptions): Promise<DBResult<StoredObject<T>>> {
    const merged = { ...DEFAULT_CREATE_OPTIONS, ...options }
    return this.#post('create', { values, options: merged, model: this.#modelName })
  }

  /** Sets the object field of parent `parentId`; answers it, or the top object with `returnTop`. */
  set<O extends SetOptions = NoOptions>(
    values: ObjectValues<T>,
    parentId: string,
    options?: O,
  ): Promise<DBResult<Written<StoredObject<T>, ReturnTopOf<O>>>> {
    const merged = { ...DEFAULT_SET_OPTIONS, ...options }
    const body = { values, options: merged, id: this.#id, parentId, model: this.#modelName }
    return this.#post('set', body)
  }

  /** Appends a child to the object list of parent `parentId`; answers it or the top object. */
  append<O extends AppendOptions = NoOptions>(
    values: ObjectValues<T>,
    parentId: string,
    options?: O,
  ): Promise<DBResult<Written<StoredObject<T>, ReturnTopOf<O>>>> {
    const merged = { ...DEFAULT_APPEND_OPTIONS, ...options }
    const body = { values, options: merged, id: this.#id, parentId, model: this.#modelName }
    return this.#post('append', body)
  }

  /** Deletes the object: `null` for a top-level one, or the top object with `returnTop`. */
  delete<O extends DeleteOptions = NoOptions>(
    options?: O,
  ): Promise<DBResult<Written<null, ReturnTopOf<O>>>> {
    const merged = { ...DEFAULT_DELETE_OPTIONS, ...options }
    return this.#post('delete', { options: merged, id: this.#id, model: this.#modelName })
  }

  /** Sets `values` on the object; answers it or, with `returnTop`, the top object. */
  update<O extends UpdateOptions = NoOptions>(
    values: ObjectValues<T>,
    options?: O,
  ): Promise<DBResult<Written<StoredObject<T>, ReturnTopOf<O>>>> {
    const merged = { ...DEFAULT_UPDATE_OPTIONS, ...options }
    return this.#post('update', { values, options: merged, id: this.#id, model: this.#modelName })
  }

  /** Applies field update instructions; answers the object or, with `returnTop`, the top object. */
  updateFields<O extends UpdateOptions = NoOptions>(
    fieldUpdates: FieldUpdate | FieldUpdate[],
    options?: O,
  ): Promise<DBResult<Written<StoredObject<T>, ReturnTopOf<O>>>> {
    const updates = Array.isArray(fieldUpdates) ? fieldUpdates : [fieldUpdates]
    const merged = { ...DEFAULT_UPDATE_OPTIONS, ...options }
    const body = { updates, options: merged, id: this.#id, model: this.#modelName }
    return this.#post('update-fields', body)
  }

  /** Posts to `db/object/<operation>`; bodies keep the published client's key order (§3.4). */
  #post<D>(operation: string, body: object): Promise<DBResult<D>> {
    return this.fetcher.post<D>(`${DB_OBJECT_PATH}/${operation}`, body)
  }
}
