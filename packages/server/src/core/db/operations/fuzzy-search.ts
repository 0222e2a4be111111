import { fail } from '../../../tools/errors.js'
import { modelOf, PREPARE } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { QueryInput } from '../query/query-input.js'
import { documentSql, fromWhere, pageOf, queryBase, ROW } from '../query/select.js'
import { MAX_SEARCH_TEXT } from './search-text.js'
import { revealObjects } from '../query/reveal.js'

/**
 * `fuzzy-search`: objects whose fuzzy-searchable field contains something like `text`
 * (pg_trgm word similarity, threshold 0.6 — PostgreSQL's default), best matches first.
 */
export async function fuzzySearch(
  context: DataContext,
  modelName: string,
  query: QueryInput,
  fieldName: unknown,
  text: unknown,
): Promise<unknown[]> {
  const model = modelOf(context, modelName)
  const field = typeof fieldName === 'string' ? model.fields.get(fieldName) : undefined
  if (!field?.fuzzySearchable || !field.column) {
    throw fail(
      'invalid_query',
      `'${String(fieldName)}' is not a fuzzy-searchable field of '${model.name}'; mark it fuzzySearchable: true`,
      {
        field: fieldName,
      },
    )
  }
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_SEARCH_TEXT) {
    throw fail(
      'invalid_query',
      `text must be a non-empty string of at most ${MAX_SEARCH_TEXT} characters`,
    )
  }
  const base = queryBase(context, model, query)
  const column = `${ROW}."${field.column}"`
  const param = base.params.add(text)
  const where = `${param} <% ${column}`
  const from = fromWhere(base, where)
  const { limit, offset } = pageOf(query)
  const document = documentSql(context, base, query.omit)
  const sql = `SELECT ${document} AS doc ${from} ORDER BY word_similarity(${param}, ${column}) DESC, ${ROW}."_id" LIMIT ${limit} OFFSET ${offset}`
  const rows = await context.db.query<{ doc: unknown }>(sql, base.params.values, PREPARE)
  return revealObjects(
    model,
    rows.map((row) => row.doc),
    context.cipher,
    base.lookups,
  )
}
