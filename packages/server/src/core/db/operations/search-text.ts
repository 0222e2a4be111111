import { fail } from '../../../tools/errors.js'
import { modelOf, PREPARE } from '../data-context.js'
import type { DataContext } from '../data-context.js'
import type { SqlParams } from '../expressions/sql/sql-types.js'
import type { QueryInput } from '../query/query-input.js'
import { documentSql, fromWhere, pageOf, queryBase, ROW } from '../query/select.js'
import { searchVector } from '../schema/search-vector.js'
import { countAll } from './get-list.js'
import { revealObjects } from '../query/reveal.js'

/** Longest search text (characters). */
export const MAX_SEARCH_TEXT = 1000

/**
 * `search-text`: full-text search over the model's searchable fields (PostgreSQL text search in
 * the model's language). Words are ORed; a "double-quoted phrase" must appear as such. Ranked
 * by relevance, so the query's sort is not used.
 */
export async function searchText(
  context: DataContext,
  modelName: string,
  query: QueryInput,
  text: unknown,
  returnCountInfo: boolean,
): Promise<unknown> {
  const model = modelOf(context, modelName)
  const vector = searchVector(model, ROW)
  if (vector === undefined) {
    throw fail(
      'invalid_query',
      `model '${model.name}' has no searchable field; mark text fields searchable: true`,
      {
        model: model.name,
      },
    )
  }
  const words = checkText(text)
  const base = queryBase(context, model, query)
  const tsquery = tsQuery(words, model.searchLanguage, base.params)
  const document = documentSql(context, base, query.omit)
  const { limit, offset, page } = pageOf(query)
  const where = `${vector} @@ ${tsquery}`
  const from = fromWhere(base, where)
  const total = returnCountInfo ? ', count(*) OVER () AS total' : ''
  const sql = `SELECT ${document} AS doc${total} ${from} ORDER BY ts_rank(${vector}, ${tsquery}) DESC, ${ROW}."_id" LIMIT ${limit} OFFSET ${offset}`
  const rows = await context.db.query<{ doc: unknown; total?: string }>(
    sql,
    base.params.values,
    PREPARE,
  )
  const data = revealObjects(
    model,
    rows.map((row) => row.doc),
    context.cipher,
    base.lookups,
  )
  if (!returnCountInfo) return data
  const count =
    rows[0]?.total !== undefined
      ? Number(rows[0].total)
      : await countAll(context, from, base.params.values)
  return {
    info: { count, totalPages: Math.ceil(count / limit), currentPage: page, pageSize: limit },
    data,
  }
}

function checkText(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '')
    throw fail('invalid_query', 'text must be a non-empty string')
  if (text.length > MAX_SEARCH_TEXT)
    throw fail('invalid_query', `text may have at most ${MAX_SEARCH_TEXT} characters`)
  return text
}

/** The words ORed, each "quoted phrase" as a phrase: `(w1 | w2 | "p q")` as a tsquery. */
function tsQuery(text: string, language: string, params: SqlParams): string {
  const lang = `${params.add(language)}::regconfig`
  const parts: string[] = []
  const phrase = /"([^"]+)"/g
  for (const match of text.matchAll(phrase))
    parts.push(`phraseto_tsquery(${lang}, ${params.add(match[1])})`)
  const rest = text.replace(phrase, ' ').split(/\s+/).filter(Boolean)
  for (const word of rest) parts.push(`plainto_tsquery(${lang}, ${params.add(word)})`)
  return parts.length ? `(${parts.join(' || ')})` : `plainto_tsquery(${lang}, '')`
}
