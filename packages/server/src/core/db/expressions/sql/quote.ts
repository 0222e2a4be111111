import { fail } from '../../../../tools/errors.js'
import { APP_SCHEMA } from '../../model-types.js'
import type { ResolvedModel } from '../../model-types.js'

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Quotes an SQL identifier (column, table, alias). Only plain identifiers are accepted: names
 * come from the resolved model catalog, never from user text, and anything else is a bug.
 */
export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw fail(
      'internal_server_error',
      `refusing to quote the SQL identifier ${JSON.stringify(name)}`,
    )
  }
  return `"${name}"`
}

/** The quoted `app."table"` of a model or sub-model. */
export function tableRef(model: ResolvedModel): string {
  return `${quoteIdent(APP_SCHEMA)}.${quoteIdent(model.table)}`
}

/** `"alias"."column"`. */
export function columnRef(alias: string, column: string): string {
  return `${quoteIdent(alias)}.${quoteIdent(column)}`
}
