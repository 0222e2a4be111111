import { fail, isBasaltError } from '../../../tools/errors.js'
import type { DataContext } from '../../db/data-context.js'
import { createObjects } from '../../db/operations/create-objects.js'
import { deleteObject } from '../../db/operations/delete-object.js'
import { getList } from '../../db/operations/get-list.js'
import type { CountInfo } from '../../db/operations/get-list.js'
import { getObject } from '../../db/operations/get-object.js'
import { updateObject } from '../../db/operations/update-object.js'
import { EMPTY_QUERY } from '../../db/query/query-input.js'
import type { SortInput } from '../../db/query/query-input.js'

/** What the console asks of a model's list. */
export interface ObjectListInput {
  filter?: string | undefined
  /** `field:asc,field2:desc` (the direction defaults to asc). */
  sort?: string | undefined
  page: number
  size: number
}

type AppObject = Record<string, unknown>

/**
 * The objects of the app's top-level models with the app's full rights (`db.app()`), through the
 * database module's own operations and validation. Errors keep their codes; a validation error
 * also names its (first) field in `details.field`.
 */
export class AdminObjects {
  constructor(private readonly context: DataContext) {}

  /** One page of a model's objects matching the filter, sorted, with the total. */
  async list(model: string, input: ObjectListInput) {
    this.#requireTopModel(model)
    const query = {
      ...EMPTY_QUERY,
      expression: input.filter?.trim() || null,
      sort: input.sort ? parseSort(input.sort) : null,
      page: input.page,
      limit: input.size,
    }
    const answer = (await getList(this.context, model, query, true)) as {
      info: CountInfo
      data: AppObject[]
    }
    return { items: answer.data, total: answer.info.count }
  }

  /** The object with this id, or 404 object_not_found. */
  async get(model: string, id: string): Promise<AppObject> {
    this.#requireTopModel(model)
    const found = (await withField(getObject(this.context, model, id, null))) as AppObject | null
    if (!found) throw fail('object_not_found', undefined, { model, id })
    return found
  }

  /** Creates one object from its fields; answers it as stored. */
  async create(model: string, values: AppObject): Promise<AppObject> {
    this.#requireTopModel(model)
    return (await withField(createObjects(this.context, model, values))) as AppObject
  }

  /** Sets fields of one object; answers it. */
  async update(model: string, id: string, values: AppObject): Promise<AppObject> {
    this.#requireTopModel(model)
    return (await withField(updateObject(this.context, model, id, values, false))) as AppObject
  }

  /** Deletes one object (and its sub-objects). */
  async delete(model: string, id: string): Promise<void> {
    this.#requireTopModel(model)
    await withField(deleteObject(this.context, model, id, false))
  }

  #requireTopModel(name: string): void {
    if (this.context.catalog.models.get(name)?.kind === 'top') return
    throw fail('unknown_model', `No model is named '${name}'.`, { model: name })
  }
}

/** `field:asc,field2:desc` as sort keys; a malformed part is a validation error on `sort`. */
export function parseSort(text: string): SortInput[] {
  return text.split(',').map((part) => {
    const match = /^\s*([^:\s]+)\s*(?::\s*(asc|desc)\s*)?$/i.exec(part)
    if (!match) {
      throw fail('validation_error', `sort: expected field:asc or field:desc, got '${part}'`, {
        field: 'sort',
      })
    }
    const direction = (match[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc'
    return { field: match[1]!, direction }
  })
}

/** Adds `details.field` (the first invalid field) to a validation error of the database module. */
async function withField<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    throw namedField(error)
  }
}

function namedField(error: unknown): unknown {
  if (!isBasaltError(error) || error.code !== 'validation_error') return error
  const details = error.details ?? {}
  const fields = details.fields as { field?: unknown }[] | undefined
  const first = fields?.[0]?.field
  if (details.field !== undefined || typeof first !== 'string') return error
  return fail('validation_error', error.message, { ...details, field: first })
}
