import type { ResolvedField, ResolvedModel } from '../model-types.js'
import { quoteIdent, quoteLiteral } from './sql-names.js'

/** The searchable fields of a model, in declaration order: what its full-text index covers. */
export function searchableFields(model: ResolvedModel): ResolvedField[] {
  return [...model.fields.values()].filter((field) => field.searchable && field.column)
}

/**
 * The `tsvector` expression of a model's searchable fields, exactly as its GIN index is built:
 * a query must use this very text (with any row alias) for PostgreSQL to use the index, as in
 * `WHERE ${searchVector(model, 't')} @@ websearch_to_tsquery('english', $1)`. Undefined when the
 * model has no searchable field.
 */
export function searchVector(model: ResolvedModel, alias?: string): string | undefined {
  const fields = searchableFields(model)
  if (fields.length === 0) return undefined
  const prefix = alias ? `${quoteIdent(alias)}.` : ''
  const text = fields
    .map((field) => `coalesce(${prefix}${quoteIdent(field.column!)}, '')`)
    .join(` || ' ' || `)
  return `to_tsvector(${quoteLiteral(model.searchLanguage)}::regconfig, ${text})`
}
