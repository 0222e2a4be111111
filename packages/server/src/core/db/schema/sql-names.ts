import { createHash } from 'node:crypto'
import { APP_SCHEMA } from '../model-types.js'

/** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1 bytes). */
export const MAX_IDENTIFIER_BYTES = 63

const HASH_LENGTH = 8

/** A short, stable hash of a text: how long names are kept distinct after truncation. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH)
}

/** `name` itself when it fits in 63 bytes, else its start plus a hash of the whole name. */
export function sqlIdentifier(name: string): string {
  if (Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) return name
  const keep = MAX_IDENTIFIER_BYTES - HASH_LENGTH - 1
  return `${name.slice(0, keep)}_${shortHash(name)}`
}

/** The table of a model path: `posts.comments` -> `posts__comments` (shortened when too long). */
export function tableNameOf(modelPath: string): string {
  return sqlIdentifier(modelPath.replaceAll('.', '__'))
}

/** A quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** A quoted SQL string literal. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

/** A table of the app schema, qualified and quoted: `"app"."posts"`. */
export function appTable(table: string): string {
  return `${quoteIdent(APP_SCHEMA)}.${quoteIdent(table)}`
}
