import type { ModelCatalog, ResolvedField, ResolvedModel } from '../../model-types.js'
import { dateToText } from './formats.js'
import { fail } from '../../../../tools/errors.js'
import { columnRef, quoteIdent, tableRef } from './quote.js'

// jsonb_build_object takes at most 100 arguments: build objects from chunks of this many keys.
const PAIRS_PER_CALL = 40

/**
 * SQL building the jsonb of one row of `model` (at `alias`) as clients see it: `_id`,
 * `_parent` for sub-models, the declared fields in declaration order, then `createdAt` and
 * `updatedAt` with timestamps. Dates are ISO-8601 text with milliseconds and `Z`; an `object`
 * field is its row's object or null, an `object-list` its rows ordered by `_pos` (`[]` when
 * empty), recursively. Null values are included as null.
 *
 * Note: jsonb objects order their keys by length, then bytes; the pg driver's JSON.parse keeps
 * that order, so clients get a stable but not a declaration order of keys.
 */
export function rowJson(model: ResolvedModel, alias: string, _catalog: ModelCatalog): string {
  // Written once per model and alias: it depends on nothing else, and reads build it each time.
  let byAlias = written.get(model)
  if (byAlias === undefined) written.set(model, (byAlias = new Map()))
  let sql = byAlias.get(alias)
  if (sql === undefined) {
    sql = writeRowJson(model, alias, _catalog)
    if (byAlias.size < MAX_ALIASES) byAlias.set(alias, sql)
  }
  return sql
}

const written = new WeakMap<ResolvedModel, Map<string, string>>()
// Aliases are the statements' own names (`t`, `t_lk0`, `_x3`, ...): a few per model.
const MAX_ALIASES = 200

function writeRowJson(model: ResolvedModel, alias: string, _catalog: ModelCatalog): string {
  const pairs: [string, string][] = [['_id', columnRef(alias, '_id')]]
  if (model.kind !== 'top') pairs.push(['_parent', columnRef(alias, '_parent')])
  for (const field of model.fields.values()) {
    const value = fieldJson(field, alias, _catalog)
    if (value !== undefined) pairs.push([field.name, value])
  }
  if (model.timestamps) {
    pairs.push(['createdAt', dateJson(columnRef(alias, 'createdAt'))])
    pairs.push(['updatedAt', dateJson(columnRef(alias, 'updatedAt'))])
  }
  const calls: string[] = []
  for (let i = 0; i < pairs.length; i += PAIRS_PER_CALL) {
    const args = pairs
      .slice(i, i + PAIRS_PER_CALL)
      .map(([key, value]) => `${keyLiteral(key)}, ${value}`)
    calls.push(`jsonb_build_object(${args.join(', ')})`)
  }
  return calls.length === 1 ? calls[0]! : `(${calls.join(' || ')})`
}

/** A field's JSON value; undefined for fields clients never see here. */
function fieldJson(field: ResolvedField, alias: string, catalog: ModelCatalog): string | undefined {
  const sub = field.subModel
  if (field.type === 'object' && sub) {
    const child = `${alias}_c`
    return `(SELECT ${rowJson(sub, child, catalog)} FROM ${tableRef(sub)} AS ${quoteIdent(child)} WHERE ${columnRef(child, '_parent')} = ${columnRef(alias, '_id')} LIMIT 1)`
  }
  if (field.type === 'object-list' && sub) {
    const child = `${alias}_c`
    return (
      `coalesce((SELECT jsonb_agg(${rowJson(sub, child, catalog)} ORDER BY ${columnRef(child, '_pos')}) ` +
      `FROM ${tableRef(sub)} AS ${quoteIdent(child)} WHERE ${columnRef(child, '_parent')} = ${columnRef(alias, '_id')}), '[]'::jsonb)`
    )
  }
  // Encrypted-text columns come out as their ciphertext; revealObjects decrypts them.
  if (!field.column) return undefined
  const column = columnRef(alias, field.column)
  if (field.type === 'date-time') return dateJson(column)
  if (field.type === 'basic-values-list' && field.itemType === 'date-time') {
    const items = `(SELECT jsonb_agg(${dateJson('d')} ORDER BY i) FROM unnest(${column}) WITH ORDINALITY AS u(d, i))`
    return `CASE WHEN ${column} IS NOT NULL THEN coalesce(${items}, '[]'::jsonb) END`
  }
  if (field.type === 'geo-point' && field.sqlType === 'point') {
    return `CASE WHEN ${column} IS NOT NULL THEN jsonb_build_array(${column}[0], ${column}[1]) END`
  }
  if (field.type === 'json') return column
  return `to_jsonb(${column})`
}

function dateJson(sql: string): string {
  return `to_jsonb(${dateToText(sql)})`
}

/** A JSON key as an SQL string literal: keys are catalog names (identifiers), checked here. */
function keyLiteral(key: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key))
    throw fail('internal_server_error', `invalid field name ${JSON.stringify(key)}`)
  return `'${key}'`
}
