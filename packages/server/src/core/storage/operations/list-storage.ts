import { fail } from '../../../tools/errors.js'
import { parseCached } from '../../db/expressions/parse/parse-cached.js'
import { compileCondition } from '../../db/expressions/sql/compile.js'
import { SqlParams } from '../../db/expressions/sql/sql-types.js'
import type { ResolvedModel } from '../../db/model-types.js'
import { EMPTY_QUERY } from '../../db/query/query-input.js'
import { pageOf } from '../../db/query/select.js'
import type { StorageContext } from '../storage-context.js'
import { getBucketRow } from '../storage-lookup.js'
import {
  BUCKET_MODEL,
  BUCKET_SORT_FIELDS,
  FILE_MODEL,
  FILE_SORT_FIELDS,
} from '../storage-models.js'
import { BUCKET_COLUMNS, FILE_COLUMNS, bucketInfo, fileInfo } from '../storage-rows.js'
import type { Row } from '../../../adapters/database/database.js'
import type {
  BucketInfo,
  FileInfo,
  StorageListOptions,
  StorageListResult,
} from '../storage-types.js'

const EMPTY_CATALOG = { models: new Map<string, ResolvedModel>() }

/** What one list reads: table, columns, model and sort fields, and conditions of its own. */
interface ListSource {
  readonly table: string
  readonly columns: string
  readonly model: ResolvedModel
  readonly sortFields: ReadonlySet<string>
  readonly params: SqlParams
  readonly conditions: string[]
}

/** Buckets matching the expression, a page of them. */
export function listBuckets(
  context: StorageContext,
  expression: string | null,
  options: StorageListOptions,
): Promise<StorageListResult<BucketInfo>> {
  const source = listSource(
    'basalt.storage_buckets',
    BUCKET_COLUMNS,
    BUCKET_MODEL,
    BUCKET_SORT_FIELDS,
  )
  return listRows(context, source, expression, options, bucketInfo)
}

/** Files of one bucket matching the expression, a page of them. */
export async function listFiles(
  context: StorageContext,
  bucket: string,
  expression: string | null,
  options: StorageListOptions,
): Promise<StorageListResult<FileInfo>> {
  const row = await getBucketRow(context.db, bucket)
  const source = listSource('basalt.storage_files', FILE_COLUMNS, FILE_MODEL, FILE_SORT_FIELDS)
  source.conditions.push(`t."bucketId" = ${source.params.add(row._id)}`)
  return listRows(context, source, expression, options, (r) => fileInfo(context, r))
}

/** Files of every bucket matching the expression, a page of them. */
export function searchFiles(
  context: StorageContext,
  expression: string | null,
  options: StorageListOptions,
): Promise<StorageListResult<FileInfo>> {
  const source = listSource('basalt.storage_files', FILE_COLUMNS, FILE_MODEL, FILE_SORT_FIELDS)
  return listRows(context, source, expression, options, (r) => fileInfo(context, r))
}

function listSource(
  table: string,
  columns: string,
  model: ResolvedModel,
  sortFields: ReadonlySet<string>,
): ListSource {
  return { table, columns, model, sortFields, params: new SqlParams(), conditions: [] }
}

/** Filters, sorts and pages a source; `{info, data}` with returnCountInfo. */
async function listRows<T>(
  context: StorageContext,
  source: ListSource,
  expression: string | null,
  options: StorageListOptions,
  toInfo: (row: Row) => T,
): Promise<StorageListResult<T>> {
  const { params, conditions } = source
  if (expression !== null && expression.trim() !== '') {
    const scope = {
      catalog: EMPTY_CATALOG,
      model: source.model,
      alias: 't',
      purpose: 'filter' as const,
    }
    conditions.push(compileCondition(parseCached(expression), scope, params))
  }
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''
  const from = `FROM ${source.table} t${where}`
  const { limit, offset, page } = pageOf({
    ...EMPTY_QUERY,
    page: options.page ?? null,
    limit: options.limit ?? null,
  })
  const count = options.returnCountInfo ? ', count(*) OVER () AS _total' : ''
  const rows = await context.db.query(
    `SELECT ${source.columns}${count} ${from} ${orderBy(source, options)} LIMIT ${limit} OFFSET ${offset}`,
    params.values,
  )
  const data = rows.map(toInfo)
  if (!options.returnCountInfo) return data
  const total =
    rows[0] !== undefined
      ? Number(rows[0]._total)
      : Number(
          (await context.db.query<{ n: string }>(`SELECT count(*) AS n ${from}`, params.values))[0]
            ?.n ?? 0,
        )
  return {
    info: {
      count: total,
      totalPages: Math.ceil(total / limit),
      currentPage: page,
      pageSize: limit,
    },
    data,
  }
}

/** `ORDER BY` the one sort key clients may give (a listed field), then `_id`. */
function orderBy(source: ListSource, options: StorageListOptions): string {
  const sort = options.sort
  if (!sort) return 'ORDER BY t."_id"'
  if (!source.sortFields.has(sort.field)) {
    throw fail('validation_error', `Cannot sort by '${sort.field}'.`, {
      field: sort.field,
      allowed: [...source.sortFields],
    })
  }
  const direction = sort.direction === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'
  return `ORDER BY t."${sort.field}" ${direction}, t."_id"`
}
