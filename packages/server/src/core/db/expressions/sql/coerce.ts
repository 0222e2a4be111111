import type { ExpressionNode } from '@basalt/protocol'
import type { ValueType } from '../../model-types.js'
import type { Ctx } from './context.js'
import { dateToText, numberToText, parseIsoDate, textToDate } from './formats.js'
import { fromJson, jsonBoolean, jsonNumber, jsonString, jsonToText, toJson } from './json-values.js'
import { typeError } from './sql-errors.js'
import { isScalar, isSimpleSql, nullOf, pgType } from './values.js'
import type { Val } from './values.js'

export { fromJson, jsonBoolean, jsonNumber, jsonString, jsonToText, toJson }

/** The truthiness of a value: a boolean SQL that is never null (docs/expressions.md). */
export function truthy(ctx: Ctx, val: Val): string {
  switch (val.type) {
    case 'boolean':
      return val.notNull ? val.sql : `(${val.sql} IS TRUE)`
    case 'number':
      return `(${val.sql} <> 0 IS TRUE)`
    case 'text':
    case 'id':
      return `(${val.sql} <> '' IS TRUE)`
    case 'null':
      return 'false'
    case 'unknown':
      return ctx.bind(
        [val.sql],
        (j) =>
          `(CASE WHEN ${j} IS NULL THEN false ELSE CASE jsonb_typeof(${j}) ` +
          `WHEN 'boolean' THEN ${j} = 'true'::jsonb WHEN 'number' THEN ${j} <> '0'::jsonb ` +
          `WHEN 'string' THEN ${j} <> '""'::jsonb WHEN 'null' THEN false ELSE true END END)`,
      )
    default:
      if (val.list?.kind === 'rel' && !val.list.rel.parentNullable) return 'true'
      return `(${val.sql} IS NOT NULL)`
  }
}

/** A value as a double (numbers as they are; unknown JSON numbers; else a type error). */
export function asNumber(ctx: Ctx, val: Val, node: ExpressionNode): Val {
  if (val.type === 'number') return val
  if (val.type === 'null') return nullOf('number')
  if (val.type === 'unknown') return { sql: jsonNumber(ctx, val.sql), type: 'number' }
  throw typeError(node, `expected a number but found ${describe(val.type)}`)
}

/** A number value as `double precision` SQL (bigint columns cast). */
export function double(val: Val): string {
  if (!val.bigint) return val.sql
  return isSimpleSql(val.sql) ? `${val.sql}::double precision` : `(${val.sql})::double precision`
}

/** A value as an operand of `+` concatenation: texts, ids and numbers (else a type error). */
export function asText(ctx: Ctx, val: Val, node: ExpressionNode): Val {
  switch (val.type) {
    case 'text':
    case 'id':
      return { ...val, type: 'text' }
    case 'null':
      return nullOf('text')
    case 'number':
      return { sql: numberToText(ctx, val.sql, val.bigint), type: 'text', notNull: val.notNull }
    case 'unknown':
      return {
        sql: ctx.bind(
          [val.sql],
          (j) =>
            `CASE jsonb_typeof(${j}) WHEN 'string' THEN ${j} #>> '{}' ` +
            `WHEN 'number' THEN ${numberToText(ctx, jsonNumber(ctx, j))} END`,
        ),
        type: 'text',
      }
    default:
      throw typeError(node, `'+' cannot combine a text and ${describe(val.type)}`)
  }
}

/**
 * A value as TOTEXT writes it: numbers as JavaScript does, booleans `true`/`false`, dates
 * ISO-8601, lists and objects as `jsonb::text`; null stays null.
 */
export function toText(ctx: Ctx, val: Val): Val {
  switch (val.type) {
    case 'text':
    case 'id':
      return { ...val, type: 'text' }
    case 'null':
      return nullOf('text')
    case 'number':
      return { sql: numberToText(ctx, val.sql, val.bigint), type: 'text', notNull: val.notNull }
    case 'boolean':
      return { sql: `(${val.sql})::text`, type: 'text', notNull: val.notNull }
    case 'date':
      return { sql: dateToText(val.sql), type: 'text', notNull: val.notNull }
    case 'unknown':
      return { sql: jsonToText(ctx, val.sql), type: 'text' }
    default:
      return { sql: `(${toJson(ctx, val)})::text`, type: 'text', notNull: val.notNull }
  }
}

/** A text argument of a function: texts and ids; anything else is null (docs: not converted). */
export function textArg(ctx: Ctx, val: Val): Val {
  if (val.type === 'text' || val.type === 'id') return { ...val, type: 'text' }
  if (val.type === 'unknown') return { sql: jsonString(ctx, val.sql), type: 'text' }
  return nullOf('text')
}

/** A number argument of a function: numbers and JSON numbers; anything else is null. */
export function numberArg(ctx: Ctx, val: Val): Val {
  if (val.type === 'number') return val.bigint ? { ...val, sql: double(val), bigint: false } : val
  if (val.type === 'unknown') return { sql: jsonNumber(ctx, val.sql), type: 'number' }
  return nullOf('number')
}

/** A date argument of a function: dates, and ISO-8601 texts (null when they are not dates). */
export function dateArg(ctx: Ctx, val: Val): Val {
  if (val.type === 'date') return val
  if ((val.type === 'text' || val.type === 'id') && val.literal) {
    const date = parseIsoDate(val.literal.value as string)
    if (!date) return nullOf('date')
    return { sql: ctx.param(date.toISOString(), 'timestamptz'), type: 'date', notNull: true }
  }
  if (val.type === 'text' || val.type === 'id') {
    return { sql: textToDate(ctx, val.sql), type: 'date' }
  }
  if (val.type === 'unknown')
    return { sql: textToDate(ctx, jsonString(ctx, val.sql)), type: 'date' }
  return nullOf('date')
}

/**
 * A value as a date: dates as they are; a text literal parsed now (a type error when it is not
 * an ISO-8601 date); a text at run time parsed then (null when it is not one); JSON strings too.
 */
export function asDate(ctx: Ctx, val: Val, node: ExpressionNode): Val {
  if (val.type === 'date') return val
  if (val.type === 'null') return nullOf('date')
  if ((val.type === 'text' || val.type === 'id') && val.literal) {
    const text = val.literal.value as string
    const date = parseIsoDate(text)
    if (!date) throw typeError(val.node ?? node, `'${text}' is not an ISO-8601 date`)
    return { sql: ctx.param(date.toISOString(), 'timestamptz'), type: 'date', notNull: true }
  }
  if (val.type === 'text' || val.type === 'id') {
    return { sql: textToDate(ctx, val.sql), type: 'date' }
  }
  if (val.type === 'unknown')
    return { sql: textToDate(ctx, jsonString(ctx, val.sql)), type: 'date' }
  throw typeError(node, `expected a date but found ${describe(val.type)}`)
}

/**
 * Brings values to one type (for IF, COALESCE, SWITCH, list literals): the same scalar type
 * stays; text and id are text; null adopts the other type; anything else becomes JSON.
 */
export function unify(ctx: Ctx, vals: Val[]): Val[] {
  const types = new Set(vals.map((v) => (v.type === 'id' ? 'text' : v.type)))
  types.delete('null')
  if (types.size === 0) return vals.map(() => nullOf('null'))
  if (types.size === 1) {
    const [type] = [...types] as ValueType[]
    if (isScalar(type!)) {
      return vals.map((v) => {
        if (v.type === 'null') return nullOf(type!)
        if (type === 'number' && v.bigint) return { ...v, sql: double(v), bigint: false }
        return v.type === 'id' ? { ...v, type: 'text' } : v
      })
    }
    if (type === 'geo') return vals.map((v) => (v.type === 'null' ? nullOf('geo') : v))
    if (type === 'list' && sameArrays(vals)) return vals
  }
  return vals.map((v) => ({ sql: toJson(ctx, v), type: 'unknown' }))
}

function sameArrays(vals: readonly Val[]): boolean {
  const elems = new Set<string>()
  for (const v of vals) {
    if (v.type === 'null') continue
    if (v.list?.kind !== 'array') return false
    elems.add(pgType(v.list.elem))
  }
  return elems.size <= 1
}

/** How a type is named in error messages. */
export function describe(type: ValueType): string {
  switch (type) {
    case 'id':
      return 'an id'
    case 'unknown':
      return 'a value of unknown type'
    case 'null':
      return 'null'
    case 'object':
      return 'an object'
    case 'geo':
      return 'a geo point'
    default:
      return `a ${type}`
  }
}
